#!/usr/bin/env node
// Node 20's test runner takes no glob patterns, so this finds compiled test files and hands them over.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const [suffix, ...roots] = process.argv.slice(2);
if (!suffix || roots.length === 0) {
  console.error('usage: run-tests.mjs <suffix> <dir>... (e.g. .test.js chaincode/dist)');
  process.exit(2);
}

/** Recursively lists files under dir whose names end with suffix. */
function find(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : find(path);
    return path.endsWith(suffix) ? [path] : [];
  });
}

const unitOnly = suffix === '.test.js';
// Comma-separated suffixes of files to leave out (e.g. the phases the e2e harness runs on their own).
const exclude = (process.env.GOVCHAIN_TEST_EXCLUDE ?? '').split(',').filter(Boolean);
const files = roots
  .flatMap(find)
  .filter((f) => !unitOnly || !f.endsWith('.e2e.test.js'))
  .filter((f) => !exclude.some((x) => f.endsWith(x)))
  .sort();
if (files.length === 0) {
  console.error(`no test files ending in ${suffix} under ${roots.join(', ')}; did the build run?`);
  process.exit(1);
}
const extra = process.env.GOVCHAIN_TEST_ARGS ? process.env.GOVCHAIN_TEST_ARGS.split(' ') : [];
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...extra, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
