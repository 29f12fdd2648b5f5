import { addOperator } from '@govchain/network';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { connectAs } from '../support/fabric';
import { compositeKey } from '../support/rogue';
import { BECAUSE, PORT_BASE, call, readEvents, registerCitizen, startGateway, startGateways, stopGateways, tokenFor, type SseEvent, type TestGateway } from './gateway-support';
import { randomCitizen, randomHex64 } from '@govchain/testing';

const WHY = { purpose: 'counter-service', legalBasis: 'Resident Identity Card Law art. 15', caseId: 'REST-LOOKUP' };
type ErrorBody = { error: { key: string } };
type Log = { records: Array<{ accessId: string; kind?: string }>; bookmark: string; withheld: { count: number; releases: Array<string | null> } };

/** The accountability core through the REST gateways: bookmarks, sealing orders, lookups, events. */
describe('accountability core through the REST gateways', () => {
  let gw: Record<string, TestGateway> = {};
  let ps: TestGateway;
  let gsc: TestGateway;
  let mr: TestGateway;
  let dataset = '';
  let subject = '';
  let person = randomCitizen();
  const clerk = () => tokenFor(ps.org, 'clerk1', 'clerk');
  const citizen = () => tokenFor(ps.org, subject, 'citizen');
  const disclose = (extra: Record<string, unknown> = {}, key?: string) => call<{ accessId: string }>(ps, 'POST', `/api/v1/identities/${subject}/personal-data-access`, {
    token: clerk(), body: { dataset, fields: ['name'], purpose: 'case-work', legalBasis: 'Law art. 1', caseId: 'REST-1', ...extra }, ...(key ? { key } : {}),
  });

  before(async () => {
    gw = await startGateways(['PublicSecurity', 'GovServiceCenter', 'MarketRegulation']);
    ps = gw.PublicSecurity as TestGateway;
    gsc = gw.GovServiceCenter as TestGateway;
    mr = gw.MarketRegulation as TestGateway;
    dataset = `rest-acct-${randomHex64().slice(0, 8)}`;
    const put = await call(gsc, 'POST', '/api/v1/catalogue', { token: tokenFor(gsc.org, 'admin1', 'admin'), body: { dataset, ownerMsp: 'PublicSecurityMSP', fields: ['name', 'address'], shareClass: 'conditional', legalBasis: 'x', ...BECAUSE } });
    assert.equal(put.status, 201, put.text);
    person = randomCitizen();
    subject = await registerCitizen(ps, person);
    for (let i = 0; i < 3; i++) {
      const res = await disclose({ caseId: `REST-P${i}` });
      assert.equal(res.status, 200, res.text);
    }
  });
  after(async () => stopGateways(gw));

  it('GET /me/access-log: a forged bookmark is 400 INVALID_ARGUMENT, never another citizen\'s entries; paging returns full pages', async () => {
    const other = await registerCitizen(ps);
    for (const forged of [compositeKey('audit.subject', [other]), compositeKey('audit.subject', ['0'.repeat(64)]), 'b1.AAAA', '\u0000audit.org\u0000']) {
      const res = await call<ErrorBody>(ps, 'GET', `/api/v1/me/access-log?pageSize=100&bookmark=${encodeURIComponent(forged)}`, { token: citizen() });
      assert.equal(res.status, 400, res.text);
      assert.equal(res.body.error.key, 'INVALID_ARGUMENT');
    }
    const p1 = await call<Log>(ps, 'GET', '/api/v1/me/access-log?pageSize=2', { token: citizen() });
    assert.equal(p1.status, 200, p1.text);
    assert.equal(p1.headers.get('cache-control'), 'no-store');
    assert.equal(p1.body.records.length, 2);
    const p2 = await call<Log>(ps, 'GET', `/api/v1/me/access-log?pageSize=2&bookmark=${encodeURIComponent(p1.body.bookmark)}`, { token: citizen() });
    assert.equal(p2.status, 200, p2.text);
    assert.ok(p2.body.records.length >= 1);
    // The other citizen's bookmark does not open my log either.
    const theirs = await call<Log>(ps, 'GET', '/api/v1/me/access-log?pageSize=1', { token: tokenFor(ps.org, other, 'citizen') });
    if (theirs.body.bookmark) assert.equal((await call(ps, 'GET', `/api/v1/me/access-log?bookmark=${encodeURIComponent(theirs.body.bookmark)}`, { token: citizen() })).status, 400);
  });

  it('GET /me/properties: a crafted bookmark is 400, not 503', async () => {
    const res = await call<ErrorBody>(ps, 'GET', `/api/v1/me/properties?bookmark=${encodeURIComponent(compositeKey('property~owner~title', ['0'.repeat(64), 'X']))}`, { token: citizen() });
    assert.equal(res.status, 400, res.text);
    assert.equal(res.body.error.key, 'INVALID_ARGUMENT');
  });

  it('sealing orders: only a sealing org\'s investigator issues them (wrong role, wrong org refused), a replay returns the same order, the access is withheld then released', async () => {
    const order = { subjectKey: subject, caseId: 'REST-SEAL', accessorMsp: 'PublicSecurityMSP', legalAuthority: 'Criminal Procedure Law art. 152', reason: 'investigation', endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString() };
    for (const [sub, role] of [['clerk1', 'clerk'], ['auditor1', 'auditor'], ['admin1', 'admin']] as const) {
      const res = await call<ErrorBody>(ps, 'POST', '/api/v1/sealing-orders', { token: tokenFor(ps.org, sub, role), body: order });
      assert.equal(res.status, 403, `${role}: ${res.text}`);
    }
    assert.equal((await call(ps, 'POST', '/api/v1/sealing-orders', { token: citizen(), body: order })).status, 403);
    const inv = `inv${randomInt(1e6)}`;
    await addOperator(['--org', 'MarketRegulation', '--operator', inv, '--role', 'investigator', '--gateway-held-key'], { log: () => undefined });
    const wrongOrg = await call<ErrorBody>(mr, 'POST', '/api/v1/sealing-orders', { token: tokenFor(mr.org, inv, 'investigator'), body: { ...order, accessorMsp: 'MarketRegulationMSP' } });
    assert.equal(wrongOrg.status, 403, wrongOrg.text);
    assert.equal(wrongOrg.body.error.key, 'FORBIDDEN_ORG');
    assert.equal((await call(ps, 'POST', '/api/v1/sealing-orders', { token: tokenFor(ps.org, 'investigator1', 'investigator'), body: { ...order, endsAt: 'next week' } })).status, 400);
    // The clerk cannot seal their own access: no such input, and no such role.
    assert.equal((await disclose({ sealedUntil: '9999-12-31T00:00:00.000Z' })).status, 400);
    const key = `seal-${randomHex64().slice(0, 12)}`;
    const issued = await call<{ data: { orderId: string } }>(ps, 'POST', '/api/v1/sealing-orders', { token: tokenFor(ps.org, 'investigator1', 'investigator'), body: order, key });
    assert.equal(issued.status, 201, issued.text);
    const replay = await call<{ data: { orderId: string } }>(ps, 'POST', '/api/v1/sealing-orders', { token: tokenFor(ps.org, 'investigator1', 'investigator'), body: order, key });
    assert.equal(replay.body.data.orderId, issued.body.data.orderId, 'a replay returns the same order');
    const orderId = issued.body.data.orderId;
    const sealed = await disclose({ caseId: 'REST-SEAL', sealingOrderId: orderId });
    assert.equal(sealed.status, 200, sealed.text);
    assert.equal(sealed.headers.get('cache-control'), 'no-store');
    const withheld = await call<Log>(ps, 'GET', '/api/v1/me/access-log?pageSize=100', { token: citizen() });
    assert.ok(!withheld.body.records.some((r) => r.accessId === sealed.body.accessId));
    assert.deepEqual(withheld.body.withheld, { count: 1, releases: [order.endsAt], complete: true });
    assert.equal((await call(ps, 'GET', `/api/v1/sealing-orders/${orderId}`, { token: tokenFor(ps.org, 'clerk1', 'clerk') })).status, 403);
    assert.equal((await call(ps, 'GET', `/api/v1/sealing-orders/${orderId}`, { token: tokenFor(ps.org, 'investigator1', 'investigator') })).status, 200);
    assert.equal((await call(ps, 'POST', `/api/v1/sealing-orders/${orderId}/end`, { token: clerk(), body: { reason: 'x' } })).status, 403);
    const ended = await call(ps, 'POST', `/api/v1/sealing-orders/${orderId}/end`, { token: tokenFor(ps.org, 'investigator1', 'investigator'), body: { reason: 'closed' } });
    assert.equal(ended.status, 201, ended.text);
    const released = await call<Log>(ps, 'GET', '/api/v1/me/access-log?pageSize=100', { token: citizen() });
    assert.ok(released.body.records.some((r) => r.accessId === sealed.body.accessId), 'released when the order ends');
    assert.equal(released.body.withheld.count, 0);
  });

  it('lookups need a purpose and legal basis, are recorded before the answer (no-store), and show in the subject\'s log', async () => {
    const token = tokenFor(gsc.org, 'clerk1', 'clerk');
    const bare = await call<ErrorBody>(gsc, 'POST', '/api/v1/identities/verify', { token, body: { idNumber: person.idNumber, name: person.name } });
    assert.equal(bare.status, 400, bare.text);
    const yes = await call<{ match: boolean; accessId: string }>(gsc, 'POST', '/api/v1/identities/verify', { token, body: { idNumber: person.idNumber, name: person.name, ...WHY } });
    assert.equal(yes.status, 200, yes.text);
    assert.equal(yes.body.match, true);
    assert.equal(yes.headers.get('cache-control'), 'no-store');
    const sk = await call<{ subjectKey: string; accessId: string }>(gsc, 'POST', '/api/v1/identities/subject-key', { token, body: { idNumber: person.idNumber, ...WHY } });
    assert.equal(sk.body.subjectKey, subject, sk.text);
    assert.equal((await call(gsc, 'POST', '/api/v1/identities/subject-key', { token: tokenFor(gsc.org, subject, 'citizen'), body: { idNumber: person.idNumber, ...WHY } })).status, 403);
    const log = await call<Log>(ps, 'GET', '/api/v1/me/access-log?pageSize=100', { token: citizen() });
    for (const id of [yes.body.accessId, sk.body.accessId]) assert.ok(log.body.records.some((r) => r.accessId === id && r.kind === 'lookup'), `lookup ${id} in the citizen's log`);
  });

  it('each lookup route has its own per-operator rate limit on the real gateway', async () => {
    // A second GovServiceCenter gateway with a small lookup limit, on a port above the suite's gateways.
    const limited = await startGateway('GovServiceCenter', { GOVCHAIN_GATEWAY_PORT: String(PORT_BASE + 90), GOVCHAIN_LOOKUP_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const token = tokenFor(limited.org, 'clerk1', 'clerk');
      const body = { idNumber: person.idNumber, ...WHY };
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await call(limited, 'POST', '/api/v1/identities/subject-key', { token, body })).status);
      assert.deepEqual(codes, [200, 200, 429]);
      assert.equal((await call(limited, 'POST', '/api/v1/identities/verify', { token, body: { ...body, name: person.name } })).status, 200, 'the other lookup route counts apart');
    } finally {
      await limited.stop();
    }
  });

  it('events: operators see only their own org\'s transactions, auditors every org\'s but never a sealed access; no staged subject key', async () => {
    const order = await call<{ data: { orderId: string } }>(ps, 'POST', '/api/v1/sealing-orders', {
      token: tokenFor(ps.org, 'investigator1', 'investigator'),
      body: { subjectKey: subject, caseId: 'REST-SSE', accessorMsp: 'PublicSecurityMSP', legalAuthority: 'L', reason: 'R', endsAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    assert.equal(order.status, 201, order.text);
    const mrProbe = `sse-${randomHex64().slice(0, 12)}`;
    const ids: { open?: string; sealed?: string; failure?: string } = {};
    const hasTx = (evs: SseEvent[], txId: string | undefined) => !!txId && evs.some((e) => e.data.txId === txId);
    const hasProbe = (evs: SseEvent[]) => evs.some((e) => e.data.payload.changes.some((c) => c.id === mrProbe));
    const act = async () => {
      ids.open = (await disclose({ caseId: 'REST-SSE-OPEN' })).body.accessId;
      ids.sealed = (await disclose({ caseId: 'REST-SSE', sealingOrderId: order.body.data.orderId })).body.accessId;
      const staged = randomCitizen();
      await registerCitizen(ps, staged);
      const mrClient = connectAs('MarketRegulation', 'clerk1');
      try {
        await mrClient.contract('System').submitTransaction('Probe', mrProbe);
      } finally {
        mrClient.close();
      }
    };
    let mrOpen: () => void = () => undefined;
    const mrOpened = new Promise<void>((r) => { mrOpen = r; });
    const mrStream = readEvents(mr, tokenFor(mr.org, 'clerk1', 'clerk'), undefined, hasProbe, async () => mrOpen(), 60_000);
    // The auditor's stream acts once both streams are open (each starts at the current height).
    const auditorStream = readEvents(gsc, tokenFor(gsc.org, 'auditor1', 'auditor'), undefined, (evs) => hasProbe(evs) && hasTx(evs, ids.open), async () => {
      await mrOpened;
      void act().catch((err: unknown) => { ids.failure = String(err); });
    }, 60_000);
    const [auditorEvents, mrEvents] = await Promise.all([auditorStream, mrStream]);
    assert.equal(ids.failure, undefined, `the actions failed: ${ids.failure}`);
    assert.ok(hasTx(auditorEvents, ids.open), 'the auditor sees another org\'s (unsealed) access');
    assert.ok(!hasTx(auditorEvents, ids.sealed), 'nobody sees a sealed access');
    assert.ok(!JSON.stringify(auditorEvents).includes(ids.sealed ?? 'none'), 'not even its id');
    assert.ok(hasProbe(mrEvents), 'the clerk sees its own org\'s transaction');
    assert.deepEqual(mrEvents.filter((e) => e.data.payload.org !== 'MarketRegulationMSP'), [], 'and no other org\'s');
    for (const e of auditorEvents) for (const c of e.data.payload.changes) if (c.action === 'staged') assert.equal(c.id, e.data.txId, 'a staging event names its transaction, not the subject');
    const citizenStream = await call(ps, 'GET', '/api/v1/events', { token: citizen() });
    assert.equal(citizenStream.status, 403);
  });
});
