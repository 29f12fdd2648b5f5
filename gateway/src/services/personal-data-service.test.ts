import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../errors/api-error';
import { startTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
const SUBJECT = 'c'.repeat(64);
const FP = { address: 'a'.repeat(64), birthDate: 'b'.repeat(64), idNumber: 'c'.repeat(64), name: 'd'.repeat(64) };
const PERSON = { idNumber: '11010519491231002X', name: 'Zhang San', birthDate: '1949-12-31', address: '1 Chang An Ave' };
const ACCESS = { dataset: 'identity', fields: ['name', 'address'], purpose: 'tax-assessment', legalBasis: 'Tax Law art. 5', caseId: 'case-1' };

before(async () => {
  t = await startTestApp();
});
after(async () => t.close());

function post(path: string, body: unknown, sub = 'registrar1', role = 'registrar'): Promise<Response> {
  return fetch(t.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.token({ sub, role })}`, 'content-type': 'application/json', 'idempotency-key': 'idem-1' },
    body: JSON.stringify(body),
  });
}

test('registration stages personal data only as transient data endorsed by the own org, then registers the public part', async () => {
  t.ledger.calls.length = 0;
  t.ledger.on('Identity:StagePersonalData', () => ({ subjectKey: SUBJECT, fingerprints: FP, stagedTxId: 'f'.repeat(64) }));
  t.ledger.on('Identity:Register', () => ({ subjectKey: SUBJECT, status: 'active' }));
  const res = await post('/api/v1/identities', { personalData: PERSON });
  assert.equal(res.status, 201);
  const body = await res.text();
  assert.doesNotMatch(body, /Zhang|11010519491231002X|Chang An/);
  const [stage, register] = t.ledger.calls;
  assert.equal(stage?.req.transaction, 'StagePersonalData');
  assert.deepEqual(stage?.req.args, ['idem-1']);
  assert.deepEqual(stage?.req.endorsingOrganizations, ['PublicSecurityMSP']);
  assert.deepEqual(JSON.parse(stage?.req.transient?.personalData ?? '{}'), PERSON);
  assert.equal(register?.req.transaction, 'Register');
  assert.equal(register?.req.transient, undefined);
  assert.deepEqual(register?.req.args, ['idem-1', JSON.stringify({ subjectKey: SUBJECT, fingerprints: FP, stagedTxId: 'f'.repeat(64) })]);
  assert.doesNotMatch(JSON.stringify(register?.req.args), /Zhang/);
});

test('registration endorses Register on this org and another registrar org whose peer holds the staging block, rotating', async () => {
  t.ledger.on('Identity:StagePersonalData', () => ({ subjectKey: SUBJECT, fingerprints: FP, stagedTxId: 'f'.repeat(64) }));
  t.ledger.on('Identity:Register', () => ({ subjectKey: SUBJECT, status: 'active' }));
  const endorsers = async (): Promise<string[] | undefined> => {
    t.ledger.calls.length = 0;
    assert.equal((await post('/api/v1/identities', { personalData: PERSON })).status, 201);
    return t.ledger.calls.find((c) => c.req.transaction === 'Register')?.req.endorsingOrganizations;
  };
  // The fake commits the staging in block 7: a peer at height 7 has not committed it yet.
  for (const msp of ['NaturalResourcesMSP', 'MarketRegulationMSP']) t.ledger.heights.set(msp, 7n);
  const seen = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const orgs = await endorsers();
    assert.equal(orgs?.[0], 'PublicSecurityMSP');
    assert.equal(orgs?.length, 2);
    assert.ok(orgs?.[1] === 'CopyrightOfficeMSP', `a lagging peer was chosen: ${orgs?.[1]}`);
    seen.add(orgs[1]);
  }
  t.ledger.heights.clear();
  for (let i = 0; i < 3; i++) seen.add((await endorsers())?.[1] ?? '');
  assert.ok(seen.size >= 2, 'the second endorser rotates when every peer is current');
});

test('registration rejects a bad resident ID before Fabric', async () => {
  t.ledger.calls.length = 0;
  const res = await post('/api/v1/identities', { personalData: { ...PERSON, idNumber: '110105194912310021' } });
  assert.equal(res.status, 400);
  assert.equal(t.ledger.calls.length, 0);
});

test('disclosure submits the audit entry, then reads on the owner org peer citing the committed access id', async () => {
  t.ledger.calls.length = 0;
  t.ledger.on('Audit:RequestAccess', () => ({ accessId: 'acc123', expiresAt: '2030-01-01T00:00:00.000Z' }));
  t.ledger.on('Identity:ReadPersonalData', () => ({ accessId: 'acc123', fields: { name: 'Zhang San' } }));
  const res = await post(`/api/v1/identities/${SUBJECT}/personal-data-access`, ACCESS, 'clerk1', 'clerk');
  assert.equal(res.status, 200);
  const body = (await res.json()) as { accessId: string; personalData: unknown };
  assert.equal(body.accessId, 'acc123');
  const [audit, read] = t.ledger.calls;
  assert.equal(audit?.kind, 'submit');
  assert.equal(audit?.req.transaction, 'RequestAccess');
  assert.deepEqual(JSON.parse(audit?.req.args[1] ?? '{}'), { ...ACCESS, subjectKey: SUBJECT });
  assert.equal(read?.kind, 'evaluate');
  assert.deepEqual(read?.req.args, ['acc123']);
  assert.deepEqual(read?.req.endorsingOrganizations, ['PublicSecurityMSP']);
  assert.equal(read?.operatorId, 'clerk1');
  assert.equal(res.headers.get('cache-control'), 'no-store', 'a disclosure is never cached');
});

test('disclosure refuses self-sealing: sealedUntil is not an input (400, nothing sent to Fabric)', async () => {
  t.ledger.calls.length = 0;
  const res = await post(`/api/v1/identities/${SUBJECT}/personal-data-access`, { ...ACCESS, sealedUntil: '9999-12-31T00:00:00.000Z' }, 'clerk1', 'clerk');
  assert.equal(res.status, 400);
  assert.equal(t.ledger.calls.length, 0);
});

test('disclosure fails closed: when the audit write fails, no data is read', async () => {
  t.ledger.calls.length = 0;
  t.ledger.on('Audit:RequestAccess', () => {
    throw new ApiError(403, 'GRANT_REQUIRED', 'no approved grant');
  });
  const res = await post(`/api/v1/identities/${SUBJECT}/personal-data-access`, ACCESS, 'clerk1', 'clerk');
  assert.equal(res.status, 403);
  assert.doesNotMatch(await res.text(), /Zhang/);
  assert.equal(t.ledger.calls.filter((c) => c.req.transaction === 'ReadPersonalData').length, 0);
});

const WHY = { purpose: 'counter-service', legalBasis: 'Resident Identity Card Law art. 15', caseId: 'WIN-1' };

test('verify is a disclosure: the lookup is recorded and committed first, then answered citing it; claim only as transient data', async () => {
  t.ledger.calls.length = 0;
  t.ledger.on('Audit:RecordLookup', () => ({ accessId: 'look1', expiresAt: '2030-01-01T00:00:00.000Z' }));
  t.ledger.on('Identity:Verify', () => ({ match: true }));
  const res = await post('/api/v1/identities/verify', { idNumber: PERSON.idNumber, name: PERSON.name, ...WHY }, 'clerk1', 'clerk');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const body = (await res.json()) as { match: boolean; accessId: string };
  assert.deepEqual([body.match, body.accessId], [true, 'look1']);
  const [record, answer] = t.ledger.calls;
  assert.deepEqual([record?.kind, record?.req.transaction], ['submit', 'RecordLookup']);
  assert.deepEqual(record?.req.args, ['idem-1', JSON.stringify({ lookup: 'verify', ...WHY })]);
  assert.equal(record?.req.endorsingOrganizations?.[0], 'PublicSecurityMSP', 'the own org endorses (its anchors collection)');
  assert.equal(record?.req.endorsingOrganizations?.length, 2, 'plus one other department');
  assert.doesNotMatch(JSON.stringify(record?.req.args), /Zhang|11010519491231002X/, 'no personal data in arguments');
  assert.deepEqual(JSON.parse(record?.req.transient?.personalData ?? '{}'), { idNumber: PERSON.idNumber, name: PERSON.name });
  assert.deepEqual([answer?.kind, answer?.req.transaction, answer?.req.args], ['evaluate', 'Verify', ['look1']]);
  assert.deepEqual(answer?.req.endorsingOrganizations, ['PublicSecurityMSP']);
});

test('subject-key lookup is recorded first too, and fails closed when the record fails', async () => {
  t.ledger.calls.length = 0;
  t.ledger.on('Audit:RecordLookup', () => ({ accessId: 'look2', expiresAt: '2030-01-01T00:00:00.000Z' }));
  t.ledger.on('Identity:SubjectKey', () => ({ subjectKey: SUBJECT }));
  const res = await post('/api/v1/identities/subject-key', { idNumber: PERSON.idNumber, ...WHY }, 'auditor1', 'auditor');
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { subjectKey: string }).subjectKey, SUBJECT);
  assert.deepEqual(t.ledger.calls.map((c) => c.req.transaction), ['RecordLookup', 'SubjectKey']);
  t.ledger.calls.length = 0;
  t.ledger.on('Audit:RecordLookup', () => {
    throw new ApiError(503, 'ORDERER_UNAVAILABLE', 'down');
  });
  assert.equal((await post('/api/v1/identities/subject-key', { idNumber: PERSON.idNumber, ...WHY }, 'clerk1', 'clerk')).status, 503);
  assert.deepEqual(t.ledger.calls.map((c) => c.req.transaction), ['RecordLookup'], 'no answer without a committed entry');
});

test('lookups need a purpose, legal basis and case, and the right role (400/403, nothing sent to Fabric)', async () => {
  t.ledger.calls.length = 0;
  assert.equal((await post('/api/v1/identities/verify', { idNumber: PERSON.idNumber, name: PERSON.name }, 'clerk1', 'clerk')).status, 400);
  assert.equal((await post('/api/v1/identities/subject-key', { idNumber: PERSON.idNumber, ...WHY, purpose: 'Not a code' }, 'clerk1', 'clerk')).status, 400);
  assert.equal((await post('/api/v1/identities/verify', { idNumber: '110105194912310021', name: 'x', ...WHY }, 'clerk1', 'clerk')).status, 400);
  assert.equal((await post('/api/v1/identities/verify', { idNumber: PERSON.idNumber, name: PERSON.name, ...WHY }, 'auditor1', 'auditor')).status, 403);
  assert.equal((await post('/api/v1/identities/verify', { idNumber: PERSON.idNumber, name: PERSON.name, ...WHY }, 'investigator1', 'investigator')).status, 403);
  assert.equal((await post('/api/v1/identities/subject-key', { idNumber: PERSON.idNumber, ...WHY }, SUBJECT, 'citizen')).status, 403);
  assert.equal(t.ledger.calls.length, 0);
});

test('each lookup route has its own per-operator rate limit', async () => {
  const small = await startTestApp({ lookupRateLimitPerMinute: 2 });
  try {
    small.ledger.on('Audit:RecordLookup', () => ({ accessId: 'l', expiresAt: '2030-01-01T00:00:00.000Z' }));
    const call = (path: string, body: unknown, sub = 'clerk1', role = 'clerk') => fetch(small.url + path, {
      method: 'POST', headers: { authorization: `Bearer ${small.token({ sub, role })}`, 'content-type': 'application/json', 'idempotency-key': `k-${Math.random()}` }, body: JSON.stringify(body),
    });
    const verify = { idNumber: PERSON.idNumber, name: PERSON.name, ...WHY };
    assert.deepEqual([(await call('/api/v1/identities/verify', verify)).status, (await call('/api/v1/identities/verify', verify)).status], [200, 200]);
    const limited = await call('/api/v1/identities/verify', verify);
    assert.equal(limited.status, 429);
    assert.equal(((await limited.json()) as { error: { key: string } }).error.key, 'RATE_LIMITED');
    assert.equal((await call('/api/v1/identities/subject-key', { idNumber: PERSON.idNumber, ...WHY })).status, 200, 'the other lookup counts apart');
    assert.equal((await call('/api/v1/identities/verify', verify, 'registrar1', 'registrar')).status, 200, 'per operator');
    assert.equal((await fetch(`${small.url}/api/v1/identities/${SUBJECT}`, { headers: { authorization: `Bearer ${small.token({ sub: 'clerk1', role: 'clerk' })}` } })).status, 200, 'other routes are unaffected');
  } finally {
    await small.close();
  }
});

test('citizen access log uses the citizen view of the own subject only', async () => {
  t.ledger.calls.length = 0;
  const res = await fetch(`${t.url}/api/v1/me/access-log?pageSize=5`, { headers: { authorization: `Bearer ${t.token({ sub: SUBJECT, role: 'citizen' })}` } });
  assert.equal(res.status, 200);
  assert.deepEqual(t.ledger.calls[0]?.req.args, [SUBJECT, 'citizen', '5', '']);
  const other = await fetch(`${t.url}/api/v1/identities/${'e'.repeat(64)}`, { headers: { authorization: `Bearer ${t.token({ sub: SUBJECT, role: 'citizen' })}` } });
  assert.equal(other.status, 403);
  const audit = await fetch(`${t.url}/api/v1/audit?subject=${SUBJECT}`, { headers: { authorization: `Bearer ${t.token({ sub: SUBJECT, role: 'citizen' })}` } });
  assert.equal(audit.status, 403);
  const opLog = await fetch(`${t.url}/api/v1/me/access-log`, { headers: { authorization: `Bearer ${t.token({ sub: 'clerk1', role: 'clerk' })}` } });
  assert.equal(opLog.status, 403);
});

test('audit queries need exactly one selector and the auditor role', async () => {
  const auditor = { authorization: `Bearer ${t.token({ sub: 'auditor1', role: 'auditor' })}` };
  assert.equal((await fetch(`${t.url}/api/v1/audit`, { headers: auditor })).status, 400);
  assert.equal((await fetch(`${t.url}/api/v1/audit?subject=${SUBJECT}&org=PublicSecurityMSP`, { headers: auditor })).status, 400);
  assert.equal((await fetch(`${t.url}/api/v1/audit?from=2025-01-01T00:00:00Z`, { headers: auditor })).status, 400);
  t.ledger.calls.length = 0;
  assert.equal((await fetch(`${t.url}/api/v1/audit?accessor=clerk1&org=PublicSecurityMSP`, { headers: auditor })).status, 200);
  assert.deepEqual(t.ledger.calls[0]?.req.args, ['PublicSecurityMSP', 'clerk1', '20', '']);
  const clerk = { authorization: `Bearer ${t.token({ sub: 'clerk1', role: 'clerk' })}` };
  assert.equal((await fetch(`${t.url}/api/v1/audit?org=PublicSecurityMSP`, { headers: clerk })).status, 403);
});
