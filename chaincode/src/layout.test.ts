import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { CONTRACTS, type TxSpec } from './api';

/** The sources (tests run from dist-test/src). */
const SRC = resolve(__dirname, '../../src');

/** Files every family has, files it may have, and the family's own domain modules (one concept each). */
const REQUIRED = ['records.ts', 'schema.ts', 'access.ts'];
const OPTIONAL = ['rules.ts', 'queries.ts'];
const DOMAIN_MODULES: Record<string, string[]> = {
  identity: ['resident-id.ts', 'subject-key.ts'],
  business: ['uscc.ts'],
  // The auditor's insight queries: windowed index scans, the viewer that judges each copy, one query per file.
  audit: ['entries.ts', 'sealing.ts', 'index-window.ts', 'insight-viewer.ts', 'search-query.ts', 'leak-trace-query.ts', 'activity-query.ts'],
  copyright: ['person-index.ts'],
};
/** Transactions that differ only by a parameter share one implementation file. */
const SHARED: Record<string, string> = {
  'Identity:Suspend': 'change-status', 'Identity:Revoke': 'change-status', 'Identity:Reinstate': 'change-status', 'Identity:Erase': 'change-status',
  'Business:Suspend': 'change-status', 'Business:Reinstate': 'change-status', 'Business:Deregister': 'change-status',
};

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c, i: number) => `${i === 0 ? '' : '-'}${c.toLowerCase()}`);
const families = readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'api' && d.name !== 'core').map((d) => d.name);

describe('every record family follows the layout of docs/conventions.md', () => {
  it('has one folder per contract', () => {
    assert.deepEqual(families.sort(), Object.keys(CONTRACTS).map((c) => c.toLowerCase()).sort());
  });
  for (const family of families) {
    it(family, () => {
      const api = Object.values(CONTRACTS).find((c) => c.name.toLowerCase() === family);
      assert.ok(api, `${family} is a contract of the API`);
      const files = readdirSync(resolve(SRC, family)).filter((f) => !f.endsWith('.test.ts'));
      const specs = Object.values(api.tx) as TxSpec[];
      const txFile = (t: TxSpec) => `${SHARED[`${t.contract}:${t.name}`] ?? kebab(t.name)}-tx.ts`;
      for (const f of [`${family}-contract.ts`, ...REQUIRED]) assert.ok(files.includes(f), `${family}/${f} exists`);
      if (specs.some((t) => t.kind === 'evaluate' && !files.includes(txFile(t)))) assert.ok(files.includes('queries.ts'), `${family}/queries.ts holds its reads`);
      for (const t of specs.filter((s) => s.kind === 'submit')) assert.ok(files.includes(txFile(t)), `${t.contract}:${t.name} is implemented in ${family}/${txFile(t)}`);
      const verbs = new Set(specs.map(txFile));
      const allowed = new Set([`${family}-contract.ts`, ...REQUIRED, ...OPTIONAL, ...(DOMAIN_MODULES[family] ?? [])]);
      for (const f of files) assert.ok(allowed.has(f) || verbs.has(f), `${family}/${f} is a layout file, a <verb>-tx.ts of one of its transactions or a declared domain module`);
      const contract = readFileSync(resolve(SRC, family, `${family}-contract.ts`), 'utf8');
      assert.match(contract, /defineContract\(/, `${family}-contract.ts builds the contract from the API`);
      assert.doesNotMatch(contract, /=>|async |function /, `${family}-contract.ts is thin: no logic`);
      for (const pure of ['records.ts', 'schema.ts']) {
        assert.doesNotMatch(readFileSync(resolve(SRC, family, pure), 'utf8'), /from 'fabric-|from 'node:/, `${family}/${pure} imports no Fabric and no Node built-in (the API exports it)`);
      }
    });
  }
  it('keeps shared helpers in core, none of them in a family', () => {
    for (const helper of ['indexed-page.ts', 'patch.ts', 'child-record.ts', 'anchors.ts', 'bookmark.ts']) assert.ok(existsSync(resolve(SRC, 'core', helper)), `core/${helper}`);
  });
});
