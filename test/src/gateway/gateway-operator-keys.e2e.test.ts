import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt, randomUUID, verify, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from '@hyperledger/fabric-gateway';
import { gateway as gatewayProtos, common, peer } from '@hyperledger/fabric-protos';
import {
  certificateAttributes, certificateSha256, enrolOperator, generateOperatorKey, GovChainClient, GovChainError, webCryptoSigner,
  type EnrolmentTicket, type SignatureRequired,
} from '@govchain/client';
import { dataDir, loadConnectionProfile, paths, peerConnection } from '@govchain/network';
import { addOperator } from '@govchain/network';
import { recordingSigner } from '../support/client-signing';
import { connectAs, orgProfile, type OperatorClient } from '../support/fabric';
import { committedEnvelope, validationCodesOf } from '../support/ledger-tx';
import { BECAUSE, call, startGateway, tokenFor, useClientSigning, type TestGateway } from './gateway-support';
import { randomCitizen, randomHex64 } from '@govchain/testing';

// These gateways hold no operator key at all.
useClientSigning();

/** How long the PublicSecurity gateway waits for each signature in this file (3 s proved too short on a loaded host). */
const STEP_MS = 10_000;

/** An operator enrolled in this file with a key generated here. */
interface Operator {
  id: string;
  role: string;
  org: string;
  token: () => string;
  keys: Awaited<ReturnType<typeof generateOperatorKey>>;
  certificatePem: string;
  signer: ReturnType<typeof recordingSigner>;
}

const pemDer = (pem: string) => new X509Certificate(pem).raw;
const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

describe('operator-held keys on the real network: enrolment, client-signed writes and disclosures, attacks', () => {
  let ps: TestGateway;
  let gsc: TestGateway;
  let ledger: OperatorClient;
  let registrar: Operator;
  let clerk: Operator;
  const profile = () => loadConnectionProfile();

  before(async () => {
    ps = await startGateway('PublicSecurity', { GOVCHAIN_SIGNING_STEP_TIMEOUT_MS: String(STEP_MS) });
    gsc = await startGateway('GovServiceCenter');
    // The test's own reader of the ledger (qscc, blocks), independent of the gateways under test.
    ledger = connectAs('PublicSecurity', 'auditor1');
  });
  after(async () => {
    ledger.close();
    await Promise.all([ps.stop(), gsc.stop()]);
  });

  const client = (op: Operator, extra: Partial<ConstructorParameters<typeof GovChainClient>[0]> = {}) =>
    new GovChainClient({ baseUrl: ps.url, token: op.token, signer: op.signer, retries: 0, expect: { channel: profile().channel, chaincode: profile().chaincode }, ...extra });

  /** POST/GET without the client library: the raw protocol, for attacks on it. */
  async function raw(method: 'GET' | 'POST', path: string, token: string, opts: { body?: unknown; key?: string; headers?: Record<string, string> } = {}) {
    const res = await fetch(ps.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(method === 'POST' ? { 'content-type': 'application/json', 'idempotency-key': opts.key ?? `raw-${randomUUID()}` } : {}), ...(opts.headers ?? {}) },
      ...(method === 'POST' ? { body: JSON.stringify(opts.body ?? {}) } : {}),
    });
    return { status: res.status, body: (await res.json()) as SignatureRequired & { error?: { key: string; details?: { reason?: string } }; txId?: string; data?: { subjectKey: string } } };
  }
  const sendSignature = (step: SignatureRequired, token: string, signature: Uint8Array, key: string) => raw('POST', step.signUrl, token, { body: { signature: b64(signature) }, key });

  async function enrolNew(role: 'registrar' | 'clerk'): Promise<{ op: Operator; ticket: EnrolmentTicket; log: string }> {
    const id = `${role.slice(0, 3)}${randomInt(1e6)}`;
    const file = join(mkdtempSync(join(tmpdir(), 'ticket-')), 'ticket.json');
    const lines: string[] = [];
    await addOperator(['--org', 'PublicSecurity', '--operator', id, '--role', role, '--secret-file', file], { log: (s) => lines.push(s) });
    assert.equal(statSync(file).mode & 0o777, 0o600, 'the ticket is readable by its owner only');
    const ticket = JSON.parse(readFileSync(file, 'utf8')) as EnrolmentTicket;
    const token = () => tokenFor('PublicSecurity', id, role);
    // Generated here, non-extractable: the gateway never sees it.
    const keys = await generateOperatorKey();
    const enrolled = await enrolOperator({ baseUrl: ps.url, token, ticket, keys });
    const signer = recordingSigner(webCryptoSigner({ mspId: enrolled.mspId, certificatePem: enrolled.certificatePem, privateKey: keys.privateKey }));
    return { op: { id, role, org: 'PublicSecurity', token, keys, certificatePem: enrolled.certificatePem, signer }, ticket, log: lines.join('\n') };
  }

  it('operator:add issues a one-time ticket (0600, never logged); the key is made here; the gateway keeps only the certificate', async () => {
    const r = await enrolNew('registrar');
    registrar = r.op;
    clerk = (await enrolNew('clerk')).op;
    assert.equal(r.ticket.enrollmentId, `${registrar.id}.publicsecurity`);
    assert.ok(!r.log.includes(r.ticket.secret), 'the secret is not in the command\'s output');
    for (const log of [paths.log('ca.PublicSecurity'), resolve(dataDir(), 'gateway', 'e2e-PublicSecurity.log')]) {
      if (existsSync(log)) assert.ok(!readFileSync(log, 'utf8').includes(r.ticket.secret), `the secret is not in ${log}`);
    }
    assert.equal(registrar.keys.privateKey.extractable, false);
    assert.deepEqual(
      { role: certificateAttributes(registrar.certificatePem)['govchain.role'], operatorId: certificateAttributes(registrar.certificatePem)['govchain.operatorId'] },
      { role: 'registrar', operatorId: registrar.id },
      'the certificate carries the same attributes as a gateway-enrolled one',
    );
    const userDir = paths.user('PublicSecurity', registrar.id);
    assert.ok(existsSync(join(userDir, 'msp', 'signcerts', 'cert.pem')));
    assert.equal(existsSync(join(userDir, 'msp', 'keystore')), false, 'no private key anywhere on the gateway side');
    const reuse = await enrolOperator({ baseUrl: ps.url, token: clerk.token, ticket: { ...r.ticket, operatorId: clerk.id }, keys: await generateOperatorKey() }).catch((e: unknown) => e);
    assert.ok(reuse instanceof GovChainError && (reuse.key === 'ALREADY_ENROLLED' || reuse.key === 'ENROLMENT_REFUSED'), String(reuse));
  });

  it('the gateway holds no operator key: an unsigned write is refused (428 CLIENT_SIGNING_REQUIRED), nothing is written', async () => {
    for (const [sub, role] of [['registrar1', 'registrar'], [registrar.id, 'registrar']] as const) {
      const res = await raw('POST', '/api/v1/identities', tokenFor('PublicSecurity', sub, role), { body: { personalData: randomCitizen() } });
      assert.equal(res.status, 428, JSON.stringify(res.body));
      assert.equal(res.body.error?.key, 'CLIENT_SIGNING_REQUIRED');
    }
  });

  it("a registration signed in the client commits; the ledger names the operator's certificate as creator and holds their signature", async () => {
    const res = await client(registrar).send<{ txId: string; data: { subjectKey: string } }>('POST', '/api/v1/identities', { body: { personalData: randomCitizen() } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(res.signed.map((s) => `${s.fn}:${s.kind}`), [
      'Identity:StagePersonalData:proposal', 'Identity:StagePersonalData:transaction', 'Identity:Register:proposal', 'Identity:Register:transaction',
    ]);
    const sha = await certificateSha256(registrar.certificatePem);
    assert.ok(res.signed.every((s) => s.certificateSha256 === sha));
    const stagingTxId = res.signed[1]?.transactionId as string;
    for (const txId of [stagingTxId, res.body.txId]) {
      const env = await committedEnvelope(ledger, txId);
      assert.equal(env.validationCode, peer.TxValidationCode.VALID);
      assert.equal(env.creatorMspId, 'PublicSecurityMSP');
      assert.deepEqual(pemDer(env.creatorCertificatePem), pemDer(registrar.certificatePem), 'creator = the operator\'s own certificate');
      assert.ok(verify('sha256', env.payload, { key: new X509Certificate(registrar.certificatePem).publicKey, dsaEncoding: 'der' }, env.signature), 'signed by the operator\'s key');
    }
    const info = await call<{ creator: { operatorId: string; certificateSha256: string } }>(ps, 'GET', `/api/v1/transactions/${res.body.txId}`, { token: tokenFor('PublicSecurity', 'auditor1', 'auditor') });
    assert.equal(info.status, 200, info.text);
    assert.deepEqual(info.body.creator, { mspId: 'PublicSecurityMSP', operatorId: registrar.id, role: 'registrar', certificateSha256: sha });
  });

  it("an audited disclosure: the audit entry's transaction and the read are signed by the operator's own key", async () => {
    const person = randomCitizen();
    const reg = await client(registrar).post<{ data: { subjectKey: string } }>('/api/v1/identities', { personalData: person });
    const dataset = `ok-identity-${randomHex64().slice(0, 8)}`;
    const put = await call(gsc, 'POST', '/api/v1/catalogue', {
      token: tokenFor(gsc.org, 'admin1', 'admin'),
      body: { dataset, ownerMsp: 'PublicSecurityMSP', fields: ['name', 'address'], shareClass: 'conditional', legalBasis: 'Resident Identity Card Law art. 19', ...BECAUSE },
    });
    assert.equal(put.status, 201, put.text);
    const res = await client(clerk).send<{ accessId: string; auditTxId: string; personalData: { fields: Record<string, string> } }>('POST', `/api/v1/identities/${reg.data.subjectKey}/personal-data-access`, {
      body: { dataset, fields: ['name'], purpose: 'identity-check', legalBasis: 'Resident Identity Card Law art. 19', caseId: 'OK-1' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.personalData.fields, { name: person.name });
    assert.deepEqual(res.signed.map((s) => `${s.fn}:${s.kind}`), ['Audit:RequestAccess:proposal', 'Audit:RequestAccess:transaction', 'Identity:ReadPersonalData:proposal']);
    const sha = await certificateSha256(clerk.certificatePem);
    assert.ok(res.signed.every((s) => s.certificateSha256 === sha), 'the read is signed by the same key');
    assert.equal(res.signed[2]?.args[0], res.body.accessId, 'the read cites the committed entry');
    const env = await committedEnvelope(ledger, res.body.auditTxId);
    assert.deepEqual(pemDer(env.creatorCertificatePem), pemDer(clerk.certificatePem));
    const entry = await call<{ accessorOperatorId: string }>(ps, 'GET', `/api/v1/audit/${res.body.accessId}`, { token: tokenFor(ps.org, 'auditor1', 'auditor') });
    assert.equal(entry.body.accessorOperatorId, clerk.id, entry.text);
  });

  it("operator A's signature presented with operator B's token is refused", async () => {
    // A route both may call (identity status), so that only the signer is wrong.
    const path = `/api/v1/identities/${randomHex64()}/status`;
    const body = { action: 'suspend', ...BECAUSE };
    // A's client (A's certificate) with B's token: refused before anything is built.
    const asB = await client(registrar, { token: clerk.token }).send('POST', path, { body });
    assert.equal(asB.status, 403);
    assert.equal((asB.body as { error: { key: string } }).error.key, 'SIGNER_MISMATCH');
    // B's token and B's enrolled certificate as creator, signed with A's key: the gateway refuses the signature.
    const key = `ab-${randomUUID()}`;
    const first = await raw('POST', path, clerk.token(), { body, key, headers: { prefer: 'sign=client' } });
    assert.equal(first.status, 202, JSON.stringify(first.body));
    const wrong = await sendSignature(first.body, clerk.token(), await registrar.signer.sign(Buffer.from(first.body.message, 'base64')), key);
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error?.key, 'SIGNATURE_INVALID');
    // And A's own client never signs a proposal naming someone else's certificate.
    const refused = await client(registrar, { token: clerk.token, sendCertificate: false }).send('POST', path, { body }).catch((e: unknown) => e);
    assert.ok(refused instanceof GovChainError && refused.key === 'SIGNING_REQUEST_INVALID', String(refused));
  });

  it('a tampered proposal or transaction signature is refused by the gateway, and by the network without the gateway', async () => {
    const token = registrar.token();
    const tamper = (sig: Uint8Array) => {
      const t = Buffer.from(sig);
      t[t.length - 2]! ^= 0x01;
      return t;
    };
    const key = `tp-${randomUUID()}`;
    const p = await raw('POST', '/api/v1/identities', token, { body: { personalData: randomCitizen() }, key, headers: { prefer: 'sign=client' } });
    const bad = await sendSignature(p.body, token, tamper(await registrar.signer.sign(Buffer.from(p.body.message, 'base64'))), key);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error?.key, 'SIGNATURE_INVALID');
    const key2 = `tt-${randomUUID()}`;
    const p2 = await raw('POST', '/api/v1/identities', token, { body: { personalData: randomCitizen() }, key: key2, headers: { prefer: 'sign=client' } });
    const tx = await sendSignature(p2.body, token, await registrar.signer.sign(Buffer.from(p2.body.message, 'base64')), key2);
    assert.equal(tx.body.kind, 'transaction');
    const badTx = await sendSignature(tx.body, token, tamper(await registrar.signer.sign(Buffer.from(tx.body.message, 'base64'))), key2);
    assert.equal(badTx.status, 400);
    assert.equal(badTx.body.error?.key, 'SIGNATURE_INVALID');
    assert.equal((await call(ps, 'GET', `/api/v1/transactions/${tx.body.transactionId}`, { token: tokenFor(ps.org, 'auditor1', 'auditor') })).status, 404, 'never submitted');

    // Straight to the peer with fabric-gateway's offline API: the network checks the signatures too.
    const org = orgProfile('PublicSecurity');
    const grpcClient = peerConnection(org);
    const offline = connect({ client: grpcClient, identity: { mspId: org.mspId, credentials: Buffer.from(registrar.certificatePem) } });
    try {
      const contract = offline.getNetwork(profile().channel).getContract(profile().chaincode, 'System');
      const probe = `ok-probe-${randomUUID()}`;
      const unsigned = contract.newProposal('Probe', { arguments: [probe] });
      const proposalBytes = gatewayProtos.ProposedTransaction.deserializeBinary(unsigned.getBytes()).getProposal()?.getProposalBytes_asU8() as Uint8Array;
      const good = await registrar.signer.sign(proposalBytes);
      await assert.rejects(offline.newSignedProposal(unsigned.getBytes(), tamper(good)).endorse(), 'a tampered proposal signature is not endorsed');
      const other = contract.newProposal('Probe', { arguments: [`${probe}-other`] });
      await assert.rejects(offline.newSignedProposal(other.getBytes(), good).endorse(), 'a signature over another proposal is not endorsed');
      const endorsed = await offline.newSignedProposal(unsigned.getBytes(), good).endorse();
      const payload = gatewayProtos.PreparedTransaction.deserializeBinary(endorsed.getBytes()).getEnvelope()?.getPayload_asU8() as Uint8Array;
      const txSig = tamper(await registrar.signer.sign(payload));
      const submitted = await offline.newSignedTransaction(endorsed.getBytes(), txSig).submit().then(() => 'ordered', () => 'refused');
      if (submitted === 'ordered') {
        const height = BigInt(common.BlockchainInfo.deserializeBinary(await ledger.gateway.getNetwork(profile().channel).getContract('qscc').evaluateTransaction('GetChainInfo', profile().channel)).getHeight());
        const codes = await validationCodesOf(ledger, endorsed.getTransactionId(), height - 2n > 0n ? height - 2n : 0n, 1, 15_000);
        assert.ok(codes.length === 0 || codes.every((c) => c !== peer.TxValidationCode.VALID), `a tampered transaction signature never validates (${codes.join(',')})`);
      }
      const read = await ledger.contract('System').evaluateTransaction('ReadProbe', probe).then((b) => Buffer.from(b).toString('utf8'), () => '');
      assert.ok(!read.includes(probe), 'the probe was not written');
    } finally {
      offline.close();
      grpcClient.close();
    }
  });

  it('an abandoned proposal or transaction expires: the late signature is refused (410) and nothing reaches the ledger', async () => {
    const token = registrar.token();
    const audit = tokenFor(ps.org, 'auditor1', 'auditor');
    // One session left at its proposal, one at its transaction (endorsed, not yet submitted); one wait for both.
    const keyP = `expp-${randomUUID()}`;
    const proposal = await raw('POST', `/api/v1/identities/${randomHex64()}/status`, token, { body: { action: 'suspend', ...BECAUSE }, key: keyP, headers: { prefer: 'sign=client' } });
    assert.equal(proposal.body.kind, 'proposal', JSON.stringify(proposal.body));
    const key = `exp-${randomUUID()}`;
    const p = await raw('POST', '/api/v1/identities', token, { body: { personalData: randomCitizen() }, key, headers: { prefer: 'sign=client' } });
    const tx = await sendSignature(p.body, token, await registrar.signer.sign(Buffer.from(p.body.message, 'base64')), key);
    assert.equal(tx.body.kind, 'transaction', JSON.stringify(tx.body));
    await new Promise((r) => setTimeout(r, STEP_MS + 800));
    const lateProposal = await sendSignature(proposal.body, token, await registrar.signer.sign(Buffer.from(proposal.body.message, 'base64')), keyP);
    assert.equal(lateProposal.status, 410, JSON.stringify(lateProposal.body));
    assert.equal(lateProposal.body.error?.key, 'SIGNING_SESSION_EXPIRED');
    assert.equal((await call(ps, 'GET', `/api/v1/transactions/${proposal.body.transactionId}`, { token: audit })).status, 404, 'the expired proposal was never endorsed or submitted');
    const late = await sendSignature(tx.body, token, await registrar.signer.sign(Buffer.from(tx.body.message, 'base64')), key);
    assert.equal(late.status, 410);
    assert.equal(late.body.error?.key, 'SIGNING_SESSION_EXPIRED');
    assert.equal((await call(ps, 'GET', `/api/v1/transactions/${tx.body.transactionId}`, { token: audit })).status, 404, 'the endorsed transaction was never submitted');
  });

  it('a replayed signed transaction creates no second record (REST and straight to the orderer)', async () => {
    const token = registrar.token();
    const key = `rp-${randomUUID()}`;
    const body = { personalData: randomCitizen() };
    let res = await raw('POST', '/api/v1/identities', token, { body, key, headers: { prefer: 'sign=client' } });
    let last: { step: SignatureRequired; signature: Uint8Array } | undefined;
    const trace: string[] = [];
    while (res.status === 202) {
      trace.push(`${res.body.step}:${res.body.call.transaction}:${res.body.kind}:${res.body.transactionId.slice(0, 8)}`);
      const signature = await registrar.signer.sign(Buffer.from(res.body.message, 'base64'));
      last = { step: res.body, signature };
      res = await sendSignature(res.body, token, signature, key);
    }
    assert.equal(res.status, 201, `${JSON.stringify(res.body)} after ${trace.join(' ')}`);
    assert.ok(last && last.step.kind === 'transaction');
    const subject = res.body.data?.subjectKey as string;
    const again = await sendSignature(last.step, token, last.signature, key);
    assert.equal(again.status, 410);
    assert.equal(again.body.error?.key, 'SIGNING_SESSION_CLOSED');
    // The signed envelope itself, resubmitted without the gateway: ordered again, committed as a duplicate.
    const committed = await call<{ blockNumber: number }>(ps, 'GET', `/api/v1/transactions/${res.body.txId}`, { token: tokenFor(ps.org, 'auditor1', 'auditor') });
    const envelope = new common.Envelope();
    envelope.setPayload(Buffer.from(last.step.message, 'base64'));
    envelope.setSignature(last.signature);
    const prepared = new gatewayProtos.PreparedTransaction();
    prepared.setTransactionId(last.step.transactionId);
    prepared.setEnvelope(envelope);
    const org = orgProfile('PublicSecurity');
    const grpcClient = peerConnection(org);
    const offline = connect({ client: grpcClient, identity: { mspId: org.mspId, credentials: Buffer.from(registrar.certificatePem) } });
    try {
      await offline.newSignedTransaction(prepared.serializeBinary(), last.signature).submit();
    } finally {
      offline.close();
      grpcClient.close();
    }
    const codes = await validationCodesOf(ledger, last.step.transactionId, BigInt(committed.body.blockNumber), 2);
    assert.deepEqual(codes, [peer.TxValidationCode.VALID, peer.TxValidationCode.DUPLICATE_TXID]);
    // The same request again (same Idempotency-Key): the stored result, no second version.
    const replay = await client(registrar).send<{ data: { subjectKey: string } }>('POST', '/api/v1/identities', { body, idempotencyKey: key });
    assert.equal(replay.status, 201, JSON.stringify(replay.body));
    assert.equal(replay.body.data.subjectKey, subject);
    const history = await client(registrar).get<{ records: unknown[] }>(`/api/v1/identities/${subject}/history`);
    assert.equal(history.records.length, 1, 'one registration on the ledger');
  });
});
