import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ERROR_KEYS } from '@govchain/chaincode';
import { renderErrorsDoc } from './errors-doc';
import { REPO_ROOT } from '../../testing/repo-root';

test('docs/errors.md is generated from the current error table (run npm run docs:errors)', () => {
  const committed = readFileSync(resolve(REPO_ROOT, 'docs/errors.md'), 'utf8');
  assert.equal(committed, renderErrorsDoc());
  for (const key of ERROR_KEYS) assert.match(committed, new RegExp(`\\| \`${key}\` \\| \\d`), key);
});
