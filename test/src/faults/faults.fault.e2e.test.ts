import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { departments, findNode, killNode, ledgerHeights, raftLeader, restartNode, up, waitPeersLevel } from '@govchain/network';
import { BECAUSE, call, registerCitizen, startGateway, tokenFor, type TestGateway } from '../gateway/gateway-support';
import { ATTEMPT_DEADLINE_MS, FAULT_GATEWAY_ENV, hashOfKey, report, underLoad } from '../support/faults';
import { connectAs, type OperatorClient, utf8 } from '../support/fabric';
import { type Attempt, LoadLoop, type Outcome, pooled } from '../support/load';
import { eventually, topology } from '../support/network';
import { randomCitizen, randomHex64 } from '@govchain/testing';

// Fault tests under load (issue 9): each runs a bounded loop of REST writes with Idempotency-Keys through a real
// gateway while it kills and restarts one part of the real network. The harness runs this phase after the other e2e
// files and before the lifecycle files; every node killed here is restarted, also when a test fails.

const t = topology();
const LOAD = { concurrency: 6, maxRequests: 4000, maxSeconds: 75, attemptTimeoutMs: ATTEMPT_DEADLINE_MS };

interface Deposited { data: { depositId: string; contentHash: string } }

/** Attempts that got an answer which is neither the acknowledgement nor a keyed 503 (with Retry-After). */
function unkeyedFailures(outcomes: Outcome[], ok: number): Attempt[] {
  return outcomes.flatMap((o) => o.attempts).filter((a) => a.status !== ok && !(a.status === 503 && a.errorKey && a.retryAfter === '1'));
}

/** Attempts without an answer within the client deadline (the gateway hung). */
const hung = (outcomes: Outcome[]) => outcomes.flatMap((o) => o.attempts).filter((a) => a.hung);

describe('faults under load (real network, real gateways)', () => {
  let co: TestGateway;
  let ps: TestGateway;
  let gsc: TestGateway;
  let author = '';
  const readers: OperatorClient[] = [];
  const registrar = () => tokenFor('CopyrightOffice', 'registrar1', 'registrar');

  before(async () => {
    [co, ps, gsc] = await Promise.all([startGateway('CopyrightOffice', FAULT_GATEWAY_ENV), startGateway('PublicSecurity', FAULT_GATEWAY_ENV), startGateway('GovServiceCenter', FAULT_GATEWAY_ENV)]);
    author = await registerCitizen(ps);
    for (const org of departments(t)) readers.push(connectAs(org.name, 'clerk1'));
  });
  after(async () => {
    readers.forEach((c) => c.close());
    await Promise.all([co, ps, gsc].map((g) => g?.stop()));
    // Whatever a failed test left down comes back with its data (up restarts only the nodes that are not running).
    await up(() => undefined);
  });

  /** A loop of copyright deposits through the CopyrightOffice gateway; the content hash derives from the key. */
  function depositLoop(name: string, retryForMs?: number): LoadLoop {
    const token = registrar();
    return new LoadLoop({
      ...LOAD, name, okStatus: 201, ...(retryForMs !== undefined ? { retryForMs } : {}),
      send: (i, key, signal) => call(co, 'POST', '/api/v1/copyrights', {
        token, key, signal, body: { contentHash: hashOfKey(key), title: `Fault load ${i}`, authors: [author], workType: 'literary', ...BECAUSE },
      }),
    });
  }

  /**
   * Checks every acknowledged deposit against every department's own peer. Lost: acknowledged but some peer cannot
   * read it. Duplicate: the ledger's deposit for the key's content hash is not the one acknowledged, or two
   * acknowledgements of one key name different deposits.
   */
  async function checkDeposits(outcomes: Outcome[]): Promise<{ lost: number; duplicates: number; missing: string[] }> {
    await waitPeersLevel(t);
    const acked = outcomes.filter((o) => o.attempts.some((a) => a.status === 201));
    const duplicateKeys = acked.filter((o) => new Set(o.attempts.filter((a) => a.status === 201).map((a) => (a.body as Deposited).data.depositId)).size > 1).map((o) => o.key);
    const pairs = acked.flatMap((o) => readers.map((r) => ({ o, r })));
    const results = await pooled(pairs, 12, async ({ o, r }) => {
      const want = (o.attempts.find((a) => a.status === 201)!.body as Deposited).data.depositId;
      try {
        const got = await eventually(`${r.org.name} to read the deposit of ${o.key}`, async () =>
          JSON.parse(utf8(await r.contract('Copyright').evaluate('Verify', { arguments: [hashOfKey(o.key)], endorsingOrganizations: [r.org.mspId] }))) as { deposit: { depositId: string } }, 15_000);
        return got.deposit.depositId === want ? 'ok' : `duplicate:${o.key}`;
      } catch {
        return `missing:${o.key}@${r.org.name}`;
      }
    });
    const missing = results.filter((x) => x.startsWith('missing:'));
    const wrong = new Set([...duplicateKeys, ...results.filter((x) => x.startsWith('duplicate:')).map((x) => x.slice(10))]);
    return { lost: new Set(missing.map((m) => m.slice(8).split('@')[0])).size, duplicates: wrong.size, missing };
  }

  /** The properties every fault run must have: answers keyed and in time, nothing lost or duplicated, recovery. */
  function assertRun(r: ReturnType<typeof report>, outcomes: Outcome[], counts: { missing: string[] }): void {
    assert.deepEqual(hung(outcomes).map((a) => a.startedAt), [], 'no request hung past the client deadline');
    assert.deepEqual(unkeyedFailures(outcomes, 201).map((a) => `${a.status} ${a.text.slice(0, 120)}`), [], 'every failure is a keyed 503');
    assert.deepEqual(counts.missing, [], 'every acknowledged write is readable on every department peer');
    assert.equal(r.lost, 0);
    assert.equal(r.duplicates, 0);
    assert.ok(r.acknowledged > 0, 'the loop acknowledged writes');
    assert.ok(r.recoverySeconds !== undefined, `the rate came back to >= 80 % of ${r.preFaultRate}/s`);
  }

  it('orderer crash: the Raft leader is SIGKILLed mid-load and restarted; nothing acknowledged is lost and it catches up', async () => {
    const leader = await raftLeader();
    assert.ok(leader, 'a Raft leader before the fault');
    const loop = depositLoop('orderer');
    const outcomes = await underLoad(loop, { inject: async () => void (await killNode(leader)), heal: async () => void (await restartNode(leader)) });
    const counts = await checkDeposits(outcomes);
    const r = report(loop, `orderer leader ${leader} SIGKILL`, { lost: counts.lost, duplicates: counts.duplicates });
    assertRun(r, outcomes, counts);
    const heights = await ledgerHeights(t);
    const others = Object.entries(heights).filter(([n]) => n !== leader).map(([, h]) => h);
    assert.ok((heights[leader] ?? 0) >= Math.min(...others), `the restarted orderer caught up: ${JSON.stringify(heights)}`);
    assert.ok(await raftLeader(), 'a Raft leader after the restart');
  });

  it("peer crash: a department peer that is not the gateway's is SIGKILLed mid-load and restarted; it catches up", async () => {
    const victimOrg = departments(t).find((d) => d.name !== 'CopyrightOffice' && d.name !== 'PublicSecurity' && !d.governs)!;
    const victim = findNode(t, `${victimOrg.peers[0]!.name}.${victimOrg.name}`).name;
    const loop = depositLoop('peer');
    const outcomes = await underLoad(loop, { inject: async () => void (await killNode(victim)), heal: async () => void (await restartNode(victim)) });
    const counts = await checkDeposits(outcomes);
    const r = report(loop, `peer ${victim} SIGKILL`, { lost: counts.lost, duplicates: counts.duplicates });
    assertRun(r, outcomes, counts);
    const level = await waitPeersLevel(t);
    assert.equal((await ledgerHeights(t))[victim], level, 'the restarted peer is at the height of the others');
  });

  it('gateway restart: clients retry with the same Idempotency-Key; exactly one record per key', async () => {
    const loop = depositLoop('gateway', 40_000);
    const outcomes = await underLoad(loop, { inject: () => co.crash(), heal: () => co.start() }, { pre: 6, down: 1, minTail: 4, maxTail: 20 });
    const counts = await checkDeposits(outcomes);
    const r = report(loop, 'CopyrightOffice gateway SIGKILL + start', { lost: counts.lost, duplicates: counts.duplicates });
    assert.deepEqual(hung(outcomes).map((a) => a.startedAt), [], 'no request hung past the client deadline');
    assert.deepEqual(outcomes.filter((o) => o.final.status !== 201).map((o) => `${o.key}: ${o.final.status} ${o.final.text.slice(0, 120)}`), [],
      'every key ends acknowledged (a replay answers 201 with the first result, never DUPLICATE or IDEMPOTENCY_CONFLICT)');
    assert.ok(outcomes.some((o) => o.attempts.length > 1), 'some requests were cut off by the crash and retried');
    assert.deepEqual(counts.missing, []);
    assert.equal(r.lost, 0);
    assert.equal(r.duplicates, 0);
    assert.ok(r.recoverySeconds !== undefined, 'the rate came back');
  });

  it('chaincode server crash: keyed 503 while it is down, success again after its restart', async () => {
    const loop = depositLoop('chaincode');
    const outcomes = await underLoad(loop, { inject: async () => void (await killNode('chaincode')), heal: async () => void (await restartNode('chaincode')) });
    const counts = await checkDeposits(outcomes);
    const r = report(loop, 'chaincode server SIGKILL', { lost: counts.lost, duplicates: counts.duplicates });
    assertRun(r, outcomes, counts);
    const whileDown = outcomes.flatMap((o) => o.attempts).filter((a) => a.startedAt > loop.marks.fault! + 0.5 && a.endedAt < loop.marks.healing!);
    assert.ok(whileDown.length > 0, 'requests were answered while the chaincode server was down');
    assert.deepEqual(whileDown.filter((a) => !(a.status === 503 && a.errorKey)).map((a) => `${a.status} ${a.text.slice(0, 120)}`), [], 'every one a keyed 503');
    assert.ok(outcomes.some((o) => o.attempts.some((a) => a.status === 201 && a.startedAt > loop.marks.restarted!)), 'writes succeed after the restart');
  });

  it("disclosure during a crash: the identity registrar's peer is killed mid-load; no 200 carries personal data unless its audit entry is committed", async () => {
    const people = await Promise.all(Array.from({ length: 4 }, async () => { const p = randomCitizen(); return { p, subject: await registerCitizen(ps, p) }; }));
    const dataset = `fault-identity-${randomHex64().slice(0, 8)}`;
    const purpose = 'fault-check';
    const gscAdmin = tokenFor(gsc.org, 'admin1', 'admin');
    const legal = { legalBasis: 'Resident Identity Card Law art. 19' };
    assert.equal((await call(gsc, 'POST', '/api/v1/catalogue', { token: gscAdmin, body: { dataset, ownerMsp: 'PublicSecurityMSP', fields: ['name', 'address'], shareClass: 'conditional', ...legal, ...BECAUSE } })).status, 201);
    assert.equal((await call(gsc, 'POST', '/api/v1/grants', { token: gscAdmin, body: { requesterMsp: 'GovServiceCenterMSP', dataset, purpose, expiresAt: '2099-01-01T00:00:00.000Z', ...legal, ...BECAUSE } })).status, 201);
    assert.equal((await call(ps, 'POST', `/api/v1/grants/GovServiceCenterMSP/${dataset}/${purpose}/approval`, { token: tokenFor(ps.org, 'admin1', 'admin'), body: BECAUSE })).status, 201);
    const clerk = tokenFor(gsc.org, 'clerk1', 'clerk');
    const caseOf = (key: string) => `case:${key}`;
    const loop = new LoadLoop({
      ...LOAD, name: 'disclosure', okStatus: 200,
      send: (i, key, signal) => call(gsc, 'POST', `/api/v1/identities/${people[i % people.length]!.subject}/personal-data-access`, {
        token: clerk, key, signal, body: { dataset, fields: ['name', 'address'], purpose, caseId: caseOf(key), ...legal },
      }),
    });
    const victim = findNode(t, 'peer0.publicsecurity').name;
    const outcomes = await underLoad(loop, { inject: async () => void (await killNode(victim)), heal: async () => void (await restartNode(victim)) });
    await waitPeersLevel(t);

    interface Disclosed { accessId: string; auditTxId: string; auditBlockNumber: number; personalData: { fields: Record<string, string> } }
    const auditor = tokenFor(gsc.org, 'auditor1', 'auditor');
    const answered = outcomes.flatMap((o) => o.attempts.map((a) => ({ o, a })));
    // Each 200 against the ledger: its audit transaction is valid in the block it names, and the entry is the request's.
    const unbacked = (await pooled(answered.filter(({ a }) => a.status === 200), 8, async ({ o, a }) => {
      const d = a.body as Disclosed;
      const person = people[o.i % people.length]!;
      const tx = await call<{ valid: boolean; blockNumber: number }>(gsc, 'GET', `/api/v1/transactions/${d.auditTxId}`, { token: clerk });
      const entry = await call<{ caseId: string; subjectKey: string; accessorOperatorId: string }>(gsc, 'GET', `/api/v1/audit/${d.accessId}`, { token: auditor });
      const ok = tx.status === 200 && tx.body.valid && tx.body.blockNumber === d.auditBlockNumber && entry.status === 200 && entry.body.caseId === caseOf(o.key)
        && entry.body.subjectKey === person.subject && entry.body.accessorOperatorId === 'clerk1'
        && d.personalData.fields.name === person.p.name && d.personalData.fields.address === person.p.address;
      return ok ? undefined : `${o.key}: tx ${tx.status} ${tx.text.slice(0, 80)} entry ${entry.status}`;
    })).filter((x): x is string => x !== undefined);
    // No other answer carries any of the personal data.
    const secrets = people.flatMap(({ p }) => [p.name, p.address, p.idNumber]);
    const leaks = answered.filter(({ a }) => a.status !== 200 && secrets.some((s) => a.text.includes(s))).map(({ o, a }) => `${o.key}: ${a.status}`);
    // Exactly one audit entry per case id among those answered 200, and never two for one key.
    const perCase = new Map<string, number>();
    for (const { subject } of people) {
      for (let bookmark = '', more = true; more;) {
        const page = await call<{ records: Array<{ caseId: string }>; bookmark: string }>(gsc, 'GET', `/api/v1/audit?subject=${subject}&pageSize=100&bookmark=${encodeURIComponent(bookmark)}`, { token: auditor });
        assert.equal(page.status, 200, page.text);
        for (const rec of page.body.records) perCase.set(rec.caseId, (perCase.get(rec.caseId) ?? 0) + 1);
        more = page.body.records.length === 100 && page.body.bookmark !== '';
        bookmark = page.body.bookmark;
      }
    }
    const duplicates = [...perCase.values()].filter((n) => n > 1).length;
    const lost = answered.filter(({ a }) => a.status === 200).filter(({ o }) => !perCase.has(caseOf(o.key))).length;
    const r = report(loop, `identity registrar peer ${victim} SIGKILL during disclosures`, { lost, duplicates });
    assert.deepEqual(unbacked, [], 'every 200 is backed by its committed, valid audit entry and carries exactly its fields');
    assert.deepEqual(leaks, [], 'no failed answer carries personal data');
    assert.deepEqual(hung(outcomes).map((a) => a.startedAt), [], 'no request hung past the client deadline');
    assert.deepEqual(unkeyedFailures(outcomes, 200).map((a) => `${a.status} ${a.text.slice(0, 120)}`), [], 'every failure is a keyed 503');
    assert.equal(lost, 0);
    assert.equal(duplicates, 0);
    assert.ok(outcomes.some((o) => o.final.status !== 200 && o.final.startedAt >= loop.marks.fault!), 'disclosures failed while the registrar peer was down');
    assert.ok(r.recoverySeconds !== undefined, 'disclosures succeed again at the earlier rate');
  });
});
