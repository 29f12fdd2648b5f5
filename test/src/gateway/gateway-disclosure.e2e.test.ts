import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BECAUSE, call, registerCitizen, startGateways, stopGateways, tokenFor, type TestGateway } from './gateway-support';
import { randomCitizen, randomHex64 } from '@govchain/testing';

/** Per-file setup: gateways of the identity registrar and the governance org, and a catalogued identity dataset. */
export async function setup(): Promise<{ gw: Record<string, TestGateway>; dataset: string }> {
  const gw = await startGateways(['PublicSecurity', 'GovServiceCenter']);
  const gsc = gw.GovServiceCenter as TestGateway;
  const dataset = `e2e-identity-${randomHex64().slice(0, 8)}`;
  const put = await call(gsc, 'POST', '/api/v1/catalogue', {
    token: tokenFor(gsc.org, 'admin1', 'admin'),
    body: { dataset, ownerMsp: 'PublicSecurityMSP', fields: ['name', 'birthDate', 'address'], shareClass: 'conditional', legalBasis: 'Resident Identity Card Law art. 19', ...BECAUSE },
  });
  if (put.status !== 201) throw new Error(`catalogue entry failed: ${put.text}`);
  return { gw, dataset };
}

describe('audited personal-data disclosure (fail closed) and citizen access log', () => {
  let gw: Record<string, TestGateway> = {};
  let dataset = '';
  let ps: TestGateway;
  let gsc: TestGateway;
  before(async () => {
    ({ gw, dataset } = await setup());
    ps = gw.PublicSecurity as TestGateway;
    gsc = gw.GovServiceCenter as TestGateway;
  });
  after(async () => stopGateways(gw));

  const access = (fields: string[], caseId = `case-${randomHex64().slice(0, 8)}`) => ({ dataset, fields, purpose: 'identity-check', legalBasis: 'Resident Identity Card Law art. 19', caseId });

  it('returns the requested fields only after the audit entry has committed', async () => {
    const person = randomCitizen();
    const subject = await registerCitizen(ps, person);
    const res = await call<{ accessId: string; auditTxId: string; auditBlockNumber: number; personalData: { fields: Record<string, string> } }>(
      ps, 'POST', `/api/v1/identities/${subject}/personal-data-access`, { token: tokenFor(ps.org, 'clerk1', 'clerk'), body: access(['name', 'address']) },
    );
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.personalData.fields, { name: person.name, address: person.address });
    const tx = await call<{ valid: boolean; blockNumber: number }>(ps, 'GET', `/api/v1/transactions/${res.body.auditTxId}`, { token: tokenFor(ps.org, 'clerk1', 'clerk') });
    assert.equal(tx.body.valid, true, 'the audit entry is committed');
    assert.equal(tx.body.blockNumber, res.body.auditBlockNumber);
    const entry = await call<{ accessorOperatorId: string; subjectKey: string }>(ps, 'GET', `/api/v1/audit/${res.body.accessId}`, { token: tokenFor(ps.org, 'auditor1', 'auditor') });
    assert.equal(entry.status, 200, entry.text);
    assert.equal(entry.body.accessorOperatorId, 'clerk1');
  });

  it('fails closed: when the audit write fails (fields outside the catalogue entry), no personal data is returned', async () => {
    const person = randomCitizen();
    const subject = await registerCitizen(ps, person);
    const res = await call(ps, 'POST', `/api/v1/identities/${subject}/personal-data-access`, { token: tokenFor(ps.org, 'clerk1', 'clerk'), body: access(['name', 'idNumber']) });
    assert.equal(res.status, 403, res.text);
    assert.doesNotMatch(res.text, new RegExp(`${person.name}|${person.idNumber}|${person.address}`));
    const log = await call<{ records: unknown[] }>(ps, 'GET', '/api/v1/me/access-log', { token: tokenFor(ps.org, subject, 'citizen') });
    assert.equal(log.body.records.length, 0, 'no access was recorded');
  });

  it('fails closed for another org without an approved grant (403 GRANT_REQUIRED, no data)', async () => {
    const person = randomCitizen();
    const subject = await registerCitizen(ps, person);
    const res = await call<{ error: { key: string } }>(gsc, 'POST', `/api/v1/identities/${subject}/personal-data-access`, { token: tokenFor(gsc.org, 'clerk1', 'clerk'), body: access(['name']) });
    assert.equal(res.status, 403, res.text);
    assert.equal(res.body.error.key, 'GRANT_REQUIRED');
    assert.doesNotMatch(res.text, new RegExp(person.name));
  });

  it('a citizen sees their own access log and no one else\'s', async () => {
    const mine = await registerCitizen(ps);
    const theirs = await registerCitizen(ps);
    const clerk = tokenFor(ps.org, 'clerk1', 'clerk');
    assert.equal((await call(ps, 'POST', `/api/v1/identities/${mine}/personal-data-access`, { token: clerk, body: access(['name']) })).status, 200);
    assert.equal((await call(ps, 'POST', `/api/v1/identities/${theirs}/personal-data-access`, { token: clerk, body: access(['address']) })).status, 200);
    const citizen = tokenFor(ps.org, mine, 'citizen');
    const log = await call<{ records: Array<{ subjectKey: string; accessorOperatorId: string; purpose: string }> }>(ps, 'GET', '/api/v1/me/access-log', { token: citizen });
    assert.equal(log.status, 200, log.text);
    assert.equal(log.body.records.length, 1);
    assert.equal(log.body.records[0]?.subjectKey, mine);
    assert.equal(log.body.records[0]?.purpose, 'identity-check');
    assert.equal((await call(ps, 'GET', `/api/v1/audit?subject=${theirs}`, { token: citizen })).status, 403);
    assert.equal((await call(ps, 'GET', `/api/v1/identities/${theirs}`, { token: citizen })).status, 403);
    assert.equal((await call(ps, 'GET', `/api/v1/identities/${mine}`, { token: citizen })).status, 200);
    const auditor = await call<{ records: unknown[] }>(ps, 'GET', `/api/v1/audit?subject=${theirs}`, { token: tokenFor(ps.org, 'auditor1', 'auditor') });
    assert.equal(auditor.body.records.length, 1, auditor.text);
  });

  it('an org admin imports its legacy access log: clerks cannot, the citizen sees the entries, and a batch imports once', async () => {
    const subject = await registerCitizen(ps);
    const batchId = `legacy-${randomHex64().slice(0, 8)}`;
    const entry = (at: string) => ({ ...access(['name']), accessorOperatorId: 'legacy.clerk7', role: 'clerk', subjectKey: subject, at });
    const body = { batchId, source: 'PS counter system v2', legalAuthority: 'Data Administration Regulation art. 12', entries: [entry('2023-03-01T09:00:00.000Z'), entry('2023-04-01T09:00:00.000Z')] };
    const admin = tokenFor(ps.org, 'admin1', 'admin');
    assert.equal((await call(ps, 'POST', '/api/v1/audit/imports', { token: tokenFor(ps.org, 'clerk1', 'clerk'), body })).status, 403, 'clerks cannot import');
    const imported = await call<{ data: { count: number; firstAccessId: string } }>(ps, 'POST', '/api/v1/audit/imports', { token: admin, body });
    assert.equal(imported.status, 201, imported.text);
    assert.equal(imported.body.data.count, 2);
    const log = await call<{ records: Array<{ at: string; importBatchId?: string; accessorOperatorId: string }> }>(ps, 'GET', '/api/v1/me/access-log', { token: tokenFor(ps.org, subject, 'citizen') });
    assert.deepEqual(log.body.records.map((r) => [r.at, r.importBatchId, r.accessorOperatorId]), [
      ['2023-03-01T09:00:00.000Z', batchId, 'legacy.clerk7'], ['2023-04-01T09:00:00.000Z', batchId, 'legacy.clerk7'],
    ]);
    const again = await call<{ error: { key: string } }>(ps, 'POST', '/api/v1/audit/imports', { token: admin, body });
    assert.equal(again.status, 409, again.text);
    assert.equal(again.body.error.key, 'DUPLICATE');
  });
});
