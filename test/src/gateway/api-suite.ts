import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BECAUSE, call, registerCitizen, startGateways, stopGateways, tokenFor, type TestGateway } from './gateway-support';
import { randomCitizen, randomHex64, randomUscc } from '@govchain/testing';

/**
 * Every endpoint through the real gateways: one suite, run as it is (gateway-held development keys) and in
 * client-signing mode (gateways without operator keys, every operator call signed in the client).
 */
export function apiSuite(title: string): void {
  describe(title, () => {
    let gw: Record<string, TestGateway> = {};
    const g = (org: string): TestGateway => {
      const found = gw[org];
      if (!found) throw new Error(`no gateway ${org}`);
      return found;
    };
    before(async () => {
      gw = await startGateways();
    });
    after(async () => stopGateways(gw));

    it('serves /live, /ready, /openapi.json and /docs; /metrics only on the operations port', async () => {
      const gsc = g('GovServiceCenter');
      assert.equal((await call(gsc, 'GET', '/live')).status, 200);
      assert.deepEqual((await call(gsc, 'GET', '/ready')).body, { status: 'ready', org: 'GovServiceCenter' });
      const metrics = await fetch(`${gsc.opsUrl}/metrics`);
      assert.match(await metrics.text(), /govchain_gateway_fabric_stage_duration_seconds_bucket\{[^}]*stage="evaluate"/);
      const onApi = await call<{ error: { key: string } }>(gsc, 'GET', '/metrics');
      assert.equal(onApi.status, 404);
      assert.equal(onApi.body.error.key, 'ROUTE_NOT_FOUND');
      assert.equal(((await call<{ openapi: string }>(gsc, 'GET', '/openapi.json')).body).openapi, '3.1.0');
      assert.equal((await call(gsc, 'GET', '/docs/')).status, 200);
    });

    it('identities: register (no personal data in the response), read, history, verify, status', async () => {
      const ps = g('PublicSecurity');
      const registrar = tokenFor(ps.org, 'registrar1', 'registrar');
      const person = randomCitizen();
      const reg = await call<{ txId: string; blockNumber: number; data: { subjectKey: string; status: string } }>(ps, 'POST', '/api/v1/identities', {
        token: registrar,
        body: { personalData: person },
      });
      assert.equal(reg.status, 201, reg.text);
      assert.match(reg.body.txId, /^[0-9a-f]{64}$/);
      assert.ok(reg.body.blockNumber > 0);
      assert.doesNotMatch(reg.text, new RegExp(`${person.idNumber}|${person.name}|${person.address}`));
      const subject = reg.body.data.subjectKey;
      const read = await call<{ subjectKey: string; status: string }>(ps, 'GET', `/api/v1/identities/${subject}`, { token: registrar });
      assert.equal(read.status, 200);
      assert.equal(read.body.status, 'active');
      const hist = await call<{ records: unknown[] }>(ps, 'GET', `/api/v1/identities/${subject}/history`, { token: registrar });
      assert.equal(hist.status, 200);
      assert.ok(hist.body.records.length >= 1);
      const gscClerk = tokenFor('GovServiceCenter', 'clerk1', 'clerk');
      const why = { purpose: 'counter-service', legalBasis: 'Resident Identity Card Law art. 15', caseId: 'E2E-VERIFY' };
      const yes = await call<{ match: boolean }>(g('GovServiceCenter'), 'POST', '/api/v1/identities/verify', { token: gscClerk, body: { idNumber: person.idNumber, name: person.name, ...why } });
      assert.equal(yes.body.match, true, yes.text);
      const no = await call<{ match: boolean }>(g('GovServiceCenter'), 'POST', '/api/v1/identities/verify', { token: gscClerk, body: { idNumber: person.idNumber, name: 'Someone Else', ...why } });
      assert.equal(no.body.match, false);
      const suspended = await call<{ data: { status: string } }>(ps, 'POST', `/api/v1/identities/${subject}/status`, { token: registrar, body: { action: 'suspend', ...BECAUSE } });
      assert.equal(suspended.status, 201, suspended.text);
      assert.equal(suspended.body.data.status, 'suspended');
      const back = await call<{ data: { status: string } }>(ps, 'POST', `/api/v1/identities/${subject}/status`, { token: registrar, body: { action: 'reinstate', ...BECAUSE } });
      assert.equal(back.body.data.status, 'active', back.text);
    });

    it('properties: title, transfer with approvals and completion, encumbrance and release, history', async () => {
      const nr = g('NaturalResources');
      const registrar = tokenFor(nr.org, 'registrar1', 'registrar');
      const [seller, buyer] = [await registerCitizen(g('PublicSecurity')), await registerCitizen(g('PublicSecurity'))];
      const parcel = `E2E-${randomHex64().slice(0, 12).toUpperCase()}`;
      const title = await call(nr, 'POST', '/api/v1/properties', {
        token: registrar,
        body: { parcelNumber: parcel, owners: [seller], areaSqm: 88.5, use: 'residential', documentHash: randomHex64(), ...BECAUSE },
      });
      assert.equal(title.status, 201, title.text);
      assert.equal((await call(nr, 'GET', `/api/v1/properties/${parcel}`, { token: registrar })).status, 200);
      const owned = await call<{ records: unknown[] }>(nr, 'GET', `/api/v1/properties?owner=${seller}`, { token: registrar });
      assert.equal(owned.body.records.length, 1, owned.text);
      const enc = await call<{ data: { encumbrance: { encumbranceId: string } } }>(nr, 'POST', `/api/v1/properties/${parcel}/encumbrances`, {
        token: registrar,
        body: { kind: 'mortgage', lenderCode: randomUscc(), instrumentHash: randomHex64(), ...BECAUSE },
      });
      assert.equal(enc.status, 201, enc.text);
      const encId = enc.body.data.encumbrance.encumbranceId;
      const released = await call(nr, 'POST', `/api/v1/encumbrances/${encodeURIComponent(encId)}/release`, { token: registrar, body: { evidenceHash: randomHex64(), ...BECAUSE } });
      assert.equal(released.status, 201, released.text);
      const proposed = await call<{ data: { transferId: string } }>(nr, 'POST', `/api/v1/properties/${parcel}/transfers`, {
        token: registrar,
        body: { buyers: [buyer], contractHash: randomHex64(), ...BECAUSE },
      });
      assert.equal(proposed.status, 201, proposed.text);
      const transferId = proposed.body.data.transferId;
      for (const party of [seller, buyer]) {
        const approved = await call(nr, 'POST', `/api/v1/transfers/${encodeURIComponent(transferId)}/approvals`, {
          token: registrar,
          body: { subjectKey: party, evidenceHash: randomHex64(), ...BECAUSE },
        });
        assert.equal(approved.status, 201, approved.text);
      }
      const done = await call<{ data: { title: { owners: string[] } } }>(nr, 'POST', `/api/v1/transfers/${encodeURIComponent(transferId)}/completion`, { token: registrar, body: BECAUSE });
      assert.equal(done.status, 201, done.text);
      assert.deepEqual(done.body.data.title.owners, [buyer]);
      const hist = await call<{ records: unknown[] }>(nr, 'GET', `/api/v1/properties/${parcel}/history`, { token: registrar });
      assert.ok(hist.body.records.length >= 2, hist.text);
      assert.equal((await call(nr, 'GET', `/api/v1/transfers/${encodeURIComponent(transferId)}`, { token: registrar })).status, 200);
    });

    it('businesses: register, read, list by legal representative, amend, status, history', async () => {
      const mr = g('MarketRegulation');
      const registrar = tokenFor(mr.org, 'registrar1', 'registrar');
      const rep = await registerCitizen(g('PublicSecurity'));
      const code = randomUscc();
      const reg = await call(mr, 'POST', '/api/v1/businesses', {
        token: registrar,
        body: { code, name: 'E2E Trading Co.', entityType: 'limited_liability_company', registeredCapital: { amount: '100000.00', currency: 'CNY' }, legalRepresentative: rep, addressFingerprint: randomHex64(), ...BECAUSE },
      });
      assert.equal(reg.status, 201, reg.text);
      assert.equal((await call(mr, 'GET', `/api/v1/businesses/${code}`, { token: registrar })).status, 200);
      const list = await call<{ records: unknown[] }>(mr, 'GET', `/api/v1/businesses?legalRepresentative=${rep}`, { token: registrar });
      assert.equal(list.body.records.length, 1, list.text);
      const amended = await call(mr, 'POST', `/api/v1/businesses/${code}/amendments`, { token: registrar, body: { changes: { name: 'E2E Trading Group' }, ...BECAUSE } });
      assert.equal(amended.status, 201, amended.text);
      const suspended = await call(mr, 'POST', `/api/v1/businesses/${code}/status`, { token: registrar, body: { action: 'suspend', ...BECAUSE } });
      assert.equal(suspended.status, 201, suspended.text);
      const hist = await call<{ records: unknown[] }>(mr, 'GET', `/api/v1/businesses/${code}/history`, { token: registrar });
      assert.ok(hist.body.records.length >= 3, hist.text);
    });

    it('copyrights: deposit, read, verify by hash, certificate with the ledger block, transfer, licence, history', async () => {
      const co = g('CopyrightOffice');
      const registrar = tokenFor(co.org, 'registrar1', 'registrar');
      const author = await registerCitizen(g('PublicSecurity'));
      const hash = randomHex64();
      const dep = await call<{ txId: string; blockNumber: number; data: { depositId: string } }>(co, 'POST', '/api/v1/copyrights', {
        token: registrar,
        body: { contentHash: hash, title: 'E2E Work', authors: [author], workType: 'software', ...BECAUSE },
      });
      assert.equal(dep.status, 201, dep.text);
      const id = dep.body.data.depositId;
      assert.equal((await call(co, 'GET', `/api/v1/copyrights/${id}`, { token: registrar })).status, 200);
      const found = await call<{ matches: boolean }>(co, 'GET', `/api/v1/copyrights?hash=${hash}`, { token: registrar });
      assert.equal(found.body.matches, true, found.text);
      const cert = await call<{ txId: string; blockNumber: number; contentHash: string; hashAlgorithm: string }>(co, 'GET', `/api/v1/copyrights/${id}/certificate`, { token: registrar });
      assert.equal(cert.status, 200, cert.text);
      assert.equal(cert.body.txId, dep.body.txId);
      assert.equal(cert.body.blockNumber, dep.body.blockNumber);
      assert.equal(cert.body.contentHash, hash);
      const moved = await call(co, 'POST', `/api/v1/copyrights/${id}/transfers`, {
        token: registrar,
        body: { toHolders: [{ kind: 'organisation', code: randomUscc() }], contractHash: randomHex64(), effectiveDate: '2025-01-01', ...BECAUSE },
      });
      assert.equal(moved.status, 201, moved.text);
      const lic = await call(co, 'POST', `/api/v1/copyrights/${id}/licences`, {
        token: registrar,
        body: { licensee: { kind: 'person', subjectKey: author }, exclusive: false, scope: 'reproduction', territory: 'CN', startDate: '2025-01-01', endDate: null, contractHash: randomHex64(), ...BECAUSE },
      });
      assert.equal(lic.status, 201, lic.text);
      const hist = await call<{ records: unknown[] }>(co, 'GET', `/api/v1/copyrights/${id}/history`, { token: registrar });
      assert.ok(hist.body.records.length >= 2, hist.text);
    });

    it('governance: config, catalogue entry, grant proposal and approval, lists', async () => {
      const gsc = g('GovServiceCenter');
      const admin = tokenFor(gsc.org, 'admin1', 'admin');
      const config = await call<{ registrars: Record<string, string> }>(gsc, 'GET', '/api/v1/governance/config', { token: admin });
      assert.equal(config.body.registrars.identity, 'PublicSecurityMSP');
      const dataset = `e2e-ds-${randomHex64().slice(0, 8)}`;
      const put = await call(gsc, 'POST', '/api/v1/catalogue', {
        token: admin,
        body: { dataset, ownerMsp: 'PublicSecurityMSP', fields: ['name', 'address'], shareClass: 'conditional', legalBasis: 'Test Law art. 2', ...BECAUSE },
      });
      assert.equal(put.status, 201, put.text);
      assert.equal((await call(gsc, 'GET', `/api/v1/catalogue/${dataset}`, { token: admin })).status, 200);
      assert.ok(((await call<{ records: unknown[] }>(gsc, 'GET', '/api/v1/catalogue?pageSize=100', { token: admin })).body.records.length) >= 1);
      const proposed = await call(gsc, 'POST', '/api/v1/grants', {
        token: admin,
        body: { requesterMsp: 'GovServiceCenterMSP', dataset, purpose: 'e2e-check', expiresAt: '2099-01-01T00:00:00.000Z', legalBasis: 'Test Law art. 3', ...BECAUSE },
      });
      assert.equal(proposed.status, 201, proposed.text);
      const psAdmin = tokenFor('PublicSecurity', 'admin1', 'admin');
      const approved = await call(g('PublicSecurity'), 'POST', `/api/v1/grants/GovServiceCenterMSP/${dataset}/e2e-check/approval`, { token: psAdmin, body: BECAUSE });
      assert.equal(approved.status, 201, approved.text);
      const grant = await call(gsc, 'GET', `/api/v1/grants/GovServiceCenterMSP/${dataset}/e2e-check`, { token: admin });
      assert.equal(grant.status, 200, grant.text);
      const grants = await call<{ records: unknown[] }>(gsc, 'GET', '/api/v1/grants?requesterMsp=GovServiceCenterMSP&pageSize=100', { token: admin });
      assert.ok(grants.body.records.length >= 1);
      const hist = await call<{ records: unknown[] }>(gsc, 'GET', `/api/v1/governance/history?kind=dataset&id=${dataset}`, { token: admin });
      assert.ok(hist.body.records.length >= 1, hist.text);
    });

    it('transactions: validation code and block of a committed write; 202 + transaction URL with Prefer: respond-async', async () => {
      const co = g('CopyrightOffice');
      const registrar = tokenFor(co.org, 'registrar1', 'registrar');
      const author = await registerCitizen(g('PublicSecurity'));
      const accepted = await call<{ txId: string; transactionUrl: string }>(co, 'POST', '/api/v1/copyrights', {
        token: registrar,
        headers: { prefer: 'respond-async' },
        body: { contentHash: randomHex64(), title: 'Async Work', authors: [author], workType: 'literary', ...BECAUSE },
      });
      assert.equal(accepted.status, 202, accepted.text);
      assert.equal(accepted.headers.get('location'), accepted.body.transactionUrl);
      let tx = await call<{ validationCode: string; blockNumber: number; valid: boolean }>(co, 'GET', accepted.body.transactionUrl, { token: registrar });
      for (let i = 0; i < 40 && tx.status === 404; i++) {
        await new Promise((r) => setTimeout(r, 250));
        tx = await call(co, 'GET', accepted.body.transactionUrl, { token: registrar });
      }
      assert.equal(tx.status, 200, tx.text);
      assert.equal(tx.body.validationCode, 'VALID');
      assert.equal(tx.body.valid, true);
      assert.ok(tx.body.blockNumber > 0);
    });
  });
}
