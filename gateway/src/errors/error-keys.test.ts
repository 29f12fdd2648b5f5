import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ERROR_KEYS, isErrorKey } from '@govchain/chaincode';
import { REPO_ROOT } from '../../testing/repo-root';

const ROOT = REPO_ROOT;
/** Sources that speak the HTTP API's error keys: chaincode, gateway, clients and their tests. */
const SOURCES = ['chaincode/src', 'chaincode/testing', 'gateway/src', 'gateway/testing', 'testing/src', 'test/src', 'console/src', 'console/test', 'client/src'];
/**
 * A line that uses an API error key: constructs an ApiError or GovChainError, compares or asserts a `key`.
 * Other closed key sets have their own types (NetworkError in network/, ReceiptError in verifier/, the bench's
 * own failures) and live outside these sources or never in such a line.
 */
const KEY_CONTEXT = /ApiError\(|GovChainError\(|expectError\(|rejectsWithKey\(|\.key\b|\bkey\s*[:=]|errorKey/;
/** Lines about the other closed key sets (the launcher's, the CA client's, the verifier's), which are not HTTP keys. */
const OTHER_KEY_SETS = /\b(NetworkError|CaError|ReceiptError|BlockDataError|DecodeError)\b/;
const KEY_LITERAL = /['"`]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"`]/g;
/** Keys that tests use on purpose because they are not declared (to prove they are refused). */
const DELIBERATELY_UNDECLARED = new Set(['SOMETHING_NEW', 'TEAPOT_BREWING']);

function* sourceFiles(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('dist')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/**
 * Keys a client raises itself (never answered by the gateway), declared in the client as
 * `export const <NAME>_ERROR_KEYS = ['A', 'B'] as const` (e.g. console/src/api/api-error.ts).
 */
function clientKeys(): Set<string> {
  const keys = new Set<string>();
  for (const dir of SOURCES) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/export const [A-Z_]+_ERROR_KEYS = \[([^\]]*)\] as const/g)) {
        for (const k of (m[1] ?? '').matchAll(KEY_LITERAL)) keys.add(k[1] as string);
      }
    }
  }
  return keys;
}

/** Every quoted UPPER_SNAKE literal in a key-using line, with where it is. */
function keyUses(): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  for (const dir of SOURCES) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (!KEY_CONTEXT.test(line) || OTHER_KEY_SETS.test(line)) return;
        for (const m of line.matchAll(KEY_LITERAL)) {
          const key = m[1] as string;
          uses.set(key, [...(uses.get(key) ?? []), `${relative(ROOT, file)}:${i + 1}`]);
        }
      });
    }
  }
  return uses;
}

test('every error key used in the sources is declared in the API error table', () => {
  const uses = keyUses();
  assert.ok(uses.size > 30, `the scan finds the keys in use (found ${uses.size}); check SOURCES and KEY_CONTEXT`);
  const client = clientKeys();
  const undeclared = [...uses].filter(([key]) => !isErrorKey(key) && !client.has(key) && !DELIBERATELY_UNDECLARED.has(key)).map(([key, where]) => `${key} (${where.slice(0, 3).join(', ')})`);
  assert.deepEqual(undeclared, [], 'declare these keys in chaincode/src/api/errors.ts with a status and a meaning');
});

test('every declared error key is used somewhere (no stale entries in the table)', () => {
  const text = SOURCES.flatMap((dir) => [...sourceFiles(join(ROOT, dir))])
    .filter((f) => !f.endsWith(join('api', 'errors.ts')))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const unused = ERROR_KEYS.filter((key) => !new RegExp(`['"\`]${key}['"\`]`).test(text));
  assert.deepEqual(unused, []);
});

test('client-local keys are declared apart and never shadow an API key', () => {
  const client = [...clientKeys()];
  assert.deepEqual(client.filter((k) => isErrorKey(k)), [], 'a client must not redeclare an API key');
});

test('the scan can fail: an undeclared key in a key-using line is found', () => {
  const line = "throw new ApiError(418, 'TEAPOT_BREWING', 'no');";
  assert.ok(KEY_CONTEXT.test(line));
  assert.deepEqual([...line.matchAll(KEY_LITERAL)].map((m) => m[1]), ['TEAPOT_BREWING']);
  assert.equal(isErrorKey('TEAPOT_BREWING'), false);
});
