import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapInput } from '@govchain/network';
import { departments, loadTopology } from '@govchain/network';
import { apiSuite } from './api-suite';
import { BECAUSE, call, registerCitizen, signedCalls, startGateways, stopGateways, tokenFor, useClientSigning, type ApiResponse, type TestGateway } from './gateway-support';
import { randomCitizen, randomHex64, randomUscc } from '@govchain/testing';

// Gateways of this file hold no operator key: every operator call below is signed in the client.
useClientSigning();

apiSuite('every endpoint again, through gateways that hold no operator key (each operator call signed in the client)');

type Err = { error: { key: string } };

describe('the write routes the API suite does not reach, client-signed; then every write route was served', () => {
  let gw: Record<string, TestGateway> = {};
  const g = (org: string): TestGateway => gw[org] as TestGateway;
  before(async () => {
    gw = await startGateways();
  });
  after(async () => stopGateways(gw));

  const ok = (res: ApiResponse, status = 201) => assert.equal(res.status, status, res.text);

  it('properties: amendment, lender consent and cancellation of a transfer', async () => {
    const nr = g('NaturalResources');
    const registrar = tokenFor(nr.org, 'registrar1', 'registrar');
    const owner = await registerCitizen(g('PublicSecurity'));
    const buyer = await registerCitizen(g('PublicSecurity'));
    const parcel = `CS-${randomHex64().slice(0, 12).toUpperCase()}`;
    ok(await call(nr, 'POST', '/api/v1/properties', { token: registrar, body: { parcelNumber: parcel, owners: [owner], areaSqm: 70, use: 'residential', documentHash: randomHex64(), ...BECAUSE } }));
    ok(await call(nr, 'POST', `/api/v1/properties/${parcel}/amendments`, { token: registrar, body: { changes: { areaSqm: 71.5 }, ...BECAUSE } }));
    const enc = await call<{ data: { encumbrance: { encumbranceId: string } } }>(nr, 'POST', `/api/v1/properties/${parcel}/encumbrances`, {
      token: registrar, body: { kind: 'mortgage', lenderCode: randomUscc(), instrumentHash: randomHex64(), ...BECAUSE },
    });
    ok(enc);
    const transfer = await call<{ data: { transferId: string } }>(nr, 'POST', `/api/v1/properties/${parcel}/transfers`, { token: registrar, body: { buyers: [buyer], contractHash: randomHex64(), ...BECAUSE } });
    ok(transfer);
    const id = encodeURIComponent(transfer.body.data.transferId);
    ok(await call(nr, 'POST', `/api/v1/transfers/${id}/lender-consents`, { token: registrar, body: { encumbranceId: enc.body.data.encumbrance.encumbranceId, evidenceHash: randomHex64(), ...BECAUSE } }));
    ok(await call(nr, 'POST', `/api/v1/transfers/${id}/cancellation`, { token: registrar, body: BECAUSE }));
    // The title extract (PDF with its receipt): the record read behind it is signed in the client as well.
    const pdf = await call<Uint8Array>(nr, 'GET', `/api/v1/properties/${parcel}/certificate.pdf`, { token: registrar });
    assert.equal(pdf.status, 200, pdf.text);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(Buffer.from(pdf.body).subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok((signedCalls.at(-1)?.signatures ?? 0) >= 1, 'the read behind the certificate was signed by the registrar');
    const unsigned = await fetch(`${nr.url}/api/v1/properties/${parcel}/certificate.pdf`, { headers: { authorization: `Bearer ${registrar}` } });
    assert.equal(unsigned.status, 428, 'without client signing this gateway cannot read as the registrar');
    assert.equal(((await unsigned.json()) as Err).error.key, 'CLIENT_SIGNING_REQUIRED');
  });

  it('identities: an audited subject-key lookup and an audited disclosure', async () => {
    const ps = g('PublicSecurity');
    const gsc = g('GovServiceCenter');
    const person = randomCitizen();
    const subject = await registerCitizen(ps, person);
    const why = { purpose: 'counter-service', legalBasis: 'Resident Identity Card Law art. 15', caseId: 'CS-LOOKUP' };
    const sk = await call<{ subjectKey: string }>(gsc, 'POST', '/api/v1/identities/subject-key', { token: tokenFor(gsc.org, 'clerk1', 'clerk'), body: { idNumber: person.idNumber, ...why } });
    ok(sk, 200);
    assert.equal(sk.body.subjectKey, subject);
    const dataset = `cs-identity-${randomHex64().slice(0, 8)}`;
    ok(await call(gsc, 'POST', '/api/v1/catalogue', {
      token: tokenFor(gsc.org, 'admin1', 'admin'),
      body: { dataset, ownerMsp: 'PublicSecurityMSP', fields: ['name', 'address'], shareClass: 'conditional', legalBasis: 'Resident Identity Card Law art. 19', ...BECAUSE },
    }));
    const disclosed = await call<{ auditTxId: string; personalData: { fields: Record<string, string> } }>(ps, 'POST', `/api/v1/identities/${subject}/personal-data-access`, {
      token: tokenFor(ps.org, 'clerk1', 'clerk'), body: { dataset, fields: ['name'], purpose: 'identity-check', legalBasis: 'Resident Identity Card Law art. 19', caseId: 'CS-DISCLOSE' },
    });
    ok(disclosed, 200);
    assert.deepEqual(disclosed.body.personalData.fields, { name: person.name });
    // A POST that reads (leak tracing): its chaincode queries are signed by the auditor's own key as well.
    const trace = await call<{ operators: Array<{ accessorOperatorId?: string }> }>(ps, 'POST', '/api/v1/audit/leak-trace', { token: tokenFor(ps.org, 'auditor1', 'auditor'), body: { subjects: [subject] } });
    ok(trace, 200);
    assert.ok(trace.body.operators.some((o) => o.accessorOperatorId === 'clerk1'), trace.text);
    // The receipt of the audit entry (the auditor's; an entry citing no sealing order needs no record read).
    const receipt = await call<{ txId: string }>(ps, 'GET', `/api/v1/receipts/${disclosed.body.auditTxId}`, { token: tokenFor(ps.org, 'auditor1', 'auditor') });
    assert.equal(receipt.status, 200, receipt.text);
    assert.equal(receipt.body.txId, disclosed.body.auditTxId);
  });

  it('audit imports, and a sealing order issued and ended by an investigator', async () => {
    const ps = g('PublicSecurity');
    const gsc = g('GovServiceCenter');
    const subject = await registerCitizen(ps);
    const dataset = `cs-legacy-${randomHex64().slice(0, 8)}`;
    ok(await call(gsc, 'POST', '/api/v1/catalogue', {
      token: tokenFor(gsc.org, 'admin1', 'admin'),
      body: { dataset, ownerMsp: 'PublicSecurityMSP', fields: ['name'], shareClass: 'conditional', legalBasis: 'Law art. 1', ...BECAUSE },
    }));
    const entry = { dataset, fields: ['name'], purpose: 'identity-check', legalBasis: 'Law art. 1', caseId: 'CS-IMPORT', accessorOperatorId: 'legacy.clerk3', role: 'clerk', subjectKey: subject, at: '2023-05-01T09:00:00.000Z' };
    ok(await call(ps, 'POST', '/api/v1/audit/imports', { token: tokenFor(ps.org, 'admin1', 'admin'), body: { batchId: `cs-${randomHex64().slice(0, 8)}`, source: 'legacy', legalAuthority: 'Data Administration Regulation art. 12', entries: [entry] } }));
    const investigator = tokenFor(ps.org, 'investigator1', 'investigator');
    const order = await call<{ txId: string; data: { orderId: string } }>(ps, 'POST', '/api/v1/sealing-orders', {
      token: investigator,
      body: { subjectKey: subject, caseId: 'CS-SEAL', accessorMsp: 'PublicSecurityMSP', legalAuthority: 'Criminal Procedure Law art. 152', reason: 'investigation', endsAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    ok(order);
    // The order's receipt: the chaincode decides whether this investigator may see the order (Audit:GetSealingOrder,
    // read as the investigator), and that read is signed in the client.
    const orderTx = order.body.txId;
    const receipt = await call<{ txId: string }>(ps, 'GET', `/api/v1/receipts/${orderTx}`, { token: investigator });
    assert.equal(receipt.status, 200, receipt.text);
    assert.equal(receipt.body.txId, orderTx);
    assert.match(receipt.headers.get('govchain-receipt-digest') ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.ok((signedCalls.at(-1)?.signatures ?? 0) >= 1, 'the order check was signed by the investigator');
    const unsigned = await fetch(`${ps.url}/api/v1/receipts/${orderTx}`, { headers: { authorization: `Bearer ${investigator}` } });
    assert.equal(unsigned.status, 428, 'without client signing this gateway cannot read as the investigator');
    assert.equal(((await unsigned.json()) as Err).error.key, 'CLIENT_SIGNING_REQUIRED');
    ok(await call(ps, 'POST', `/api/v1/sealing-orders/${order.body.data.orderId}/end`, { token: investigator, body: { reason: 'closed' } }));
  });

  it('governance: registrar, members and sealing orgs restated; a second bootstrap is refused by the chaincode', async () => {
    const gsc = g('GovServiceCenter');
    const admin = tokenFor(gsc.org, 'admin1', 'admin');
    const seed = bootstrapInput(loadTopology());
    ok(await call(gsc, 'POST', '/api/v1/governance/registrars', { token: admin, body: { recordType: 'identity', mspId: (seed.registrars as Record<string, string>).identity, ...BECAUSE } }));
    ok(await call(gsc, 'POST', '/api/v1/governance/members', { token: admin, body: { members: departments(loadTopology()).map((d) => d.mspId), ...BECAUSE } }));
    ok(await call(gsc, 'POST', '/api/v1/governance/sealing-orgs', { token: admin, body: { sealingOrgs: seed.sealingOrgs, ...BECAUSE } }));
    const again = await call<Err>(gsc, 'POST', '/api/v1/governance/bootstrap', { token: admin, body: { governanceMsp: seed.governanceMsp, members: seed.members, registrars: seed.registrars, ...BECAUSE } });
    assert.equal(again.status, 409, again.text);
    assert.equal(again.body.error.key, 'INVALID_STATE', 'the chaincode itself answered the client-signed proposal');
  });

  it("catalogue: the owner's admin approves a pending change; a grant is approved, then revoked", async () => {
    const gsc = g('GovServiceCenter');
    const ps = g('PublicSecurity');
    const admin = tokenFor(gsc.org, 'admin1', 'admin');
    const psAdmin = tokenFor(ps.org, 'admin1', 'admin');
    const dataset = `cs-ds-${randomHex64().slice(0, 8)}`;
    const entry = { dataset, ownerMsp: 'PublicSecurityMSP', fields: ['name'], shareClass: 'conditional', legalBasis: 'Test Law art. 2', ...BECAUSE };
    ok(await call(gsc, 'POST', '/api/v1/catalogue', { token: admin, body: entry }));
    ok(await call(gsc, 'POST', '/api/v1/catalogue', { token: admin, body: { ...entry, fields: ['name', 'address'] } }));
    ok(await call(ps, 'POST', `/api/v1/catalogue/${dataset}/approval`, { token: psAdmin, body: BECAUSE }));
    ok(await call(gsc, 'POST', '/api/v1/grants', { token: admin, body: { requesterMsp: 'GovServiceCenterMSP', dataset, purpose: 'cs-check', expiresAt: '2099-01-01T00:00:00.000Z', legalBasis: 'Test Law art. 3', ...BECAUSE } }));
    ok(await call(ps, 'POST', `/api/v1/grants/GovServiceCenterMSP/${dataset}/cs-check/approval`, { token: psAdmin, body: BECAUSE }));
    ok(await call(gsc, 'POST', `/api/v1/grants/GovServiceCenterMSP/${dataset}/cs-check/revocation`, { token: admin, body: BECAUSE }));
  });

  it('every write route of the OpenAPI document was served through client signing in this file', async () => {
    const doc = await call<{ paths: Record<string, { post?: unknown }> }>(g('GovServiceCenter'), 'GET', '/openapi.json');
    const writes = Object.entries(doc.body.paths).filter(([p, ops]) => ops.post && !p.startsWith('/api/v1/signing-sessions') && p !== '/api/v1/enrolments').map(([p]) => p);
    assert.ok(writes.length >= 30, `found ${writes.length} write routes`);
    const served = (template: string) => {
      const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      return signedCalls.filter((c) => c.method === 'POST' && re.test(c.path));
    };
    const missing = writes.filter((w) => !served(w).some((c) => c.signatures >= 1 && c.status < 300));
    // Bootstrap happens once per network: its client-signed proposal was answered by the chaincode (409 above).
    assert.deepEqual(missing, ['/api/v1/governance/bootstrap']);
    assert.ok(served('/api/v1/governance/bootstrap').some((c) => c.signatures >= 1 && c.status === 409));
    const unsigned = signedCalls.filter((c) => c.signatures === 0 && c.status < 400 && c.method === 'POST');
    assert.deepEqual(unsigned, [], 'no write was answered without a client signature');
  });
});
