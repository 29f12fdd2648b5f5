import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => t.close());

const post = (path: string, body: unknown, sub: string, role: string, key = 'gov-1') => fetch(t.url + path, {
  method: 'POST', headers: { authorization: `Bearer ${t.token({ sub, role })}`, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body),
});
const because = { reason: 'owner consents', legalAuthority: 'Data Administration Regulation art. 5' };

test('catalogue change approval and sealing orgs are for admins; the dataset comes from the path; crafted input is 400', async () => {
  t.ledger.calls.length = 0;
  for (const [sub, role] of [['clerk1', 'clerk'], ['auditor1', 'auditor'], ['investigator1', 'investigator'], ['c'.repeat(64), 'citizen']] as const) {
    assert.equal((await post('/api/v1/catalogue/resident-identity/approval', because, sub, role)).status, 403, role);
    assert.equal((await post('/api/v1/governance/sealing-orgs', { sealingOrgs: ['PublicSecurityMSP'], ...because }, sub, role)).status, 403, role);
  }
  assert.equal((await post('/api/v1/catalogue/resident-identity/approval', { ...because, dataset: 'other' }, 'admin1', 'admin')).status, 400, 'the dataset is the path\'s');
  assert.equal((await post('/api/v1/catalogue/bad%20id/approval', because, 'admin1', 'admin')).status, 400);
  assert.equal((await post('/api/v1/governance/sealing-orgs', { sealingOrgs: ['not an msp!'], ...because }, 'admin1', 'admin')).status, 400);
  assert.equal(t.ledger.calls.length, 0);
  t.ledger.on('Governance:ApproveDatasetChange', () => ({ status: 'applied' }));
  assert.equal((await post('/api/v1/catalogue/resident-identity/approval', because, 'admin1', 'admin')).status, 201);
  assert.deepEqual(t.ledger.calls[0]?.req.args, ['gov-1', JSON.stringify({ ...because, dataset: 'resident-identity' })]);
});
