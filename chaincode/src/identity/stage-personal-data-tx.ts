import { Identity, PERSONAL_DATA_KEY } from '../api/identity';
import { canonicalStringify, errors, getRecord, implementSubmit, parseTransient, privateCollectionOf, putPrivateRecord, sha256Hex } from '../core';
import { requireIdentityRegistrar } from './access';
import { type StagedPersonalData, identityRef, personalDataKey, stagingReceipt, stagingReceiptKey } from './records';
import { personalDataSchema } from './schema';
import { fingerprintsOf, saltsFor, subjectKeyOf, subjectSecret } from './subject-key';

/**
 * Identity:StagePersonalData: validates the transient personal data and writes it, with its salts, only
 * to the registrar's private collection, so the registrar org alone endorses it. Returns the subject
 * key, fingerprints and staging tx id (no personal data: the response lands in the block).
 */
export const stagePersonalData = implementSubmit(Identity.tx.StagePersonalData, (ctx) => {
  const data = parseTransient(ctx.stub, PERSONAL_DATA_KEY, personalDataSchema);
  const secret = subjectSecret();
  // The idempotency record lives in the caller org's collection: public writes would need other endorsers.
  const collection = privateCollectionOf(ctx.clientIdentity.getMSPID());
  return { value: { data, secret, collection }, idempotencyInput: { personalDataHash: sha256Hex(canonicalStringify(data)) }, collection };
}, async (tx, _input, { data, secret, collection }) => {
  await requireIdentityRegistrar(tx.ctx);
  if (data.birthDate > tx.now.slice(0, 10)) throw errors.invalidArgument('birth date is in the future', { argument: 'transient personalData' });
  const subjectKey = subjectKeyOf(secret, data.idNumber);
  // No subject key in the error: an endorse-only staging must not become an untraced ID-number lookup.
  if (await getRecord(tx.stub, identityRef(tx.stub, subjectKey).key)) {
    throw errors.duplicate('identity already registered', {});
  }
  const salts = saltsFor(secret, subjectKey, tx.txId);
  const fingerprints = fingerprintsOf(salts, data);
  const staged: StagedPersonalData = { subjectKey, personalData: data, salts, fingerprints, stagedTxId: tx.txId, stagedAt: tx.now };
  await putPrivateRecord(tx.stub, collection, personalDataKey(tx.stub, subjectKey), staged);
  await putPrivateRecord(tx.stub, collection, stagingReceiptKey(tx.stub, subjectKey), stagingReceipt(staged));
  // The event names the staging transaction, not the subject: a staged identity is not public yet.
  tx.recordChange({ family: 'identity', id: tx.txId, action: 'staged', version: 0 });
  return { subjectKey, fingerprints, stagedTxId: tx.txId };
});
