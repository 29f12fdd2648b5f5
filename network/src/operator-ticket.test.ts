import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NetworkError } from './errors';
import { addOperator, parseOperatorFlags } from './operator-add';
import { issueEnrolmentTicket } from './operator-ticket';
import { departments, loadTopology } from './topology';

const isKey = (key: string) => (err: unknown) => err instanceof NetworkError && err.key === key;

test('operator:add flags: a client-held key by default, --gateway-held-key only as the development shortcut', () => {
  assert.deepEqual(parseOperatorFlags(['--org', 'PublicSecurity', '--operator', 'clerk7', '--role', 'clerk', '--secret-file', '/tmp/t']), {
    org: 'PublicSecurity', operator: 'clerk7', role: 'clerk', 'secret-file': '/tmp/t',
  });
  assert.equal(parseOperatorFlags(['--org', 'PublicSecurity', '--operator', 'clerk7', '--role', 'clerk', '--gateway-held-key'])['gateway-held-key'], true);
  assert.throws(() => parseOperatorFlags(['--org', 'PublicSecurity', '--operator', 'clerk7', '--role', 'clerk', '--gateway-held-key', '--secret-file', 'x']), isKey('INVALID_ARGUMENT'));
  assert.throws(() => parseOperatorFlags(['--org', 'PublicSecurity', '--operator', 'Clerk 7', '--role', 'clerk']), isKey('INVALID_ARGUMENT'));
  assert.throws(() => parseOperatorFlags(['--org', 'PublicSecurity', '--operator', 'clerk7', '--role', 'superuser']), isKey('INVALID_ARGUMENT'));
  assert.throws(() => parseOperatorFlags(['--org', 'PublicSecurity', '--operator', 'clerk7', '--role', 'clerk', '--secret', 'x']), isKey('INVALID_ARGUMENT'), 'no way to put a secret on the command line');
});

test('the one-time secret goes to a terminal or a new 0600 file, never to a log: otherwise nothing is registered', async () => {
  await assert.rejects(addOperator(['--org', 'PublicSecurity', '--operator', 'clerk7', '--role', 'clerk'], { log: () => undefined }), isKey('SECRET_DESTINATION_REQUIRED'));
  const dir = mkdtempSync(join(tmpdir(), 'ticket-'));
  const existing = join(dir, 'ticket.json');
  writeFileSync(existing, 'keep me');
  const t = loadTopology();
  const org = departments(t).find((o) => o.name === 'PublicSecurity');
  assert.ok(org);
  // The file is opened before the CA is asked anything, so an existing file stops the registration itself.
  await assert.rejects(issueEnrolmentTicket(t, org, 'clerk7', 'clerk', { kind: 'file', path: existing }), isKey('SECRET_FILE_EXISTS'));
  assert.equal(readFileSync(existing, 'utf8'), 'keep me', 'never overwritten');
});
