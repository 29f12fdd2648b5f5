import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toBase64, sha256 } from './bytes';
import { GovChainError } from './errors';
import { fromPem } from './pem';
import { checkStep, type SignatureRequired, type StepContext } from './signing-step';
import { offlineGateway, proposalMessage, testOperator, transactionMessage, type TestOperator } from '../testing/fabric-fixtures';

describe('checkStep: the client signs only what it asked for, decoded from the bytes', () => {
  let op: TestOperator;
  let other: TestOperator;
  before(async () => {
    op = await testOperator();
    other = await testOperator('clerk2');
  });

  /** null: a read (its session has no Idempotency-Key). */
  const ctx = (idempotencyKey: string | null = 'key-1'): StepContext => ({
    mspId: op.mspId, certificateDer: fromPem(op.certificatePem), certificateSha256: 'x', idempotencyKey: idempotencyKey ?? undefined, proposals: new Map(), expect: { channel: 'govchannel', chaincode: 'govchain' },
  });
  const step = async (kind: 'proposal' | 'transaction', transactionId: string, message: Uint8Array, call = { contract: 'Property', transaction: 'RegisterTitle' }): Promise<SignatureRequired> => ({
    status: 'SIGNATURE_REQUIRED', session: 's', signUrl: '/u', step: 1, kind, transactionId, call, message: toBase64(message), digest: toBase64(await sha256(message)), expiresAt: '', signer: { mspId: op.mspId, operatorId: 'clerk1', certificateSha256: 'x' },
  });
  const refused = (why: RegExp) => (err: unknown) => err instanceof GovChainError && err.key === 'SIGNING_REQUEST_INVALID' && why.test(err.message);

  it('accepts a proposal and then its transaction, and reports what was signed', async () => {
    const c = ctx();
    const p = proposalMessage(offlineGateway(op), 'Property', 'RegisterTitle', ['key-1', '{"parcelNumber":"A-1"}']);
    const signed = await checkStep(await step('proposal', p.transactionId, p.message), c);
    assert.equal(signed.signed.fn, 'Property:RegisterTitle');
    assert.deepEqual(signed.signed.args, ['key-1', '{"parcelNumber":"A-1"}']);
    const tx = await checkStep(await step('transaction', p.transactionId, transactionMessage(p.message)), c);
    assert.equal(tx.signed.kind, 'transaction');
    assert.equal(tx.signed.transactionId, p.transactionId);
  });

  it('refuses a digest that is not the hash of the message, another creator, another call, another channel', async () => {
    const p = proposalMessage(offlineGateway(op), 'Property', 'RegisterTitle', ['key-1']);
    const s = await step('proposal', p.transactionId, p.message);
    await assert.rejects(checkStep({ ...s, digest: toBase64(new Uint8Array(32)) }, ctx()), refused(/digest/));
    const foreign = proposalMessage(offlineGateway(other), 'Property', 'RegisterTitle', ['key-1']);
    await assert.rejects(checkStep(await step('proposal', foreign.transactionId, foreign.message), ctx()), refused(/creator/));
    await assert.rejects(checkStep({ ...s, call: { contract: 'Audit', transaction: 'RequestAccess' } }, ctx()), refused(/calls Property:RegisterTitle/));
    await assert.rejects(checkStep({ ...s, transactionId: 'f'.repeat(64) }, ctx()), refused(/transaction id/));
    await assert.rejects(checkStep(s, { ...ctx(), expect: { channel: 'otherchannel' } }), refused(/channel/));
    await assert.rejects(checkStep({ ...s, message: toBase64(new Uint8Array([1, 2, 3])), digest: toBase64(await sha256(new Uint8Array([1, 2, 3]))) }, ctx()), refused(/cannot be decoded/));
  });

  it('refuses a transaction whose proposal it did not sign, that swaps the invocation, lacks the Idempotency-Key, or comes in a read', async () => {
    const gw = offlineGateway(op);
    const p = proposalMessage(gw, 'Property', 'RegisterTitle', ['key-1']);
    const q = proposalMessage(gw, 'Property', 'RegisterTitle', ['key-1', 'other input']);
    await assert.rejects(checkStep(await step('transaction', p.transactionId, transactionMessage(p.message)), ctx()), refused(/proposal this session signed/));
    const c = ctx();
    await checkStep(await step('proposal', p.transactionId, p.message), c);
    await assert.rejects(checkStep(await step('transaction', p.transactionId, transactionMessage(p.message, q.message)), c), refused(/proposal this session signed/));
    const r = ctx('key-2');
    await checkStep(await step('proposal', p.transactionId, p.message), r);
    await assert.rejects(checkStep(await step('transaction', p.transactionId, transactionMessage(p.message)), r), refused(/Idempotency-Key/));
    const read = ctx(null);
    await checkStep(await step('proposal', p.transactionId, p.message), read);
    await assert.rejects(checkStep(await step('transaction', p.transactionId, transactionMessage(p.message)), read), refused(/read must not submit/));
  });
});
