import type { Context } from 'fabric-contract-api';
import { parseTransient } from '../core/args';
import { canonicalStringify } from '../core/canonical-json';
import { errors } from '../core/error-helpers';
import { sha256Hex } from '../core/hashing';
import { getRecord, privateCollectionOf, putPrivateRecord } from '../core/state';
import { submit } from '../core/submit';
import { requireIdentityRegistrar } from './identity-policy';
import { StagedPersonalData, identityRef, personalDataKey, stagingReceipt, stagingReceiptKey } from './records';
import { personalDataSchema } from './schema';
import { fingerprintsOf, saltsFor, subjectKeyOf, subjectSecret } from './subject-key';

/** Transient key carrying personal data (docs/conventions.md). */
export const PERSONAL_DATA_KEY = 'personalData';

/**
 * Identity:StagePersonalData: validates the transient personal data and writes it, with its salts, only
 * to the registrar's private collection, so the registrar org alone endorses it. Returns the subject
 * key, fingerprints and staging tx id (no personal data: the response lands in the block).
 */
export async function stagePersonalData(ctx: Context, requestId: string): Promise<string> {
  const data = parseTransient(ctx.stub, PERSONAL_DATA_KEY, personalDataSchema);
  const secret = subjectSecret();
  // The idempotency record lives in the caller org's collection: public writes would need other endorsers.
  const collection = privateCollectionOf(ctx.clientIdentity.getMSPID());
  const input = { personalDataHash: sha256Hex(canonicalStringify(data)) };
  return submit(ctx, { txName: 'Identity:StagePersonalData', requestId, input, collection }, async (tx) => {
    await requireIdentityRegistrar(ctx);
    if (data.birthDate > tx.now.slice(0, 10)) throw errors.invalidArgument('birth date is in the future', { argument: 'transient personalData' });
    const subjectKey = subjectKeyOf(secret, data.idNumber);
    // No subject key in the error: an endorse-only staging must not become an untraced ID-number lookup.
    if (await getRecord(ctx.stub, identityRef(ctx.stub, subjectKey).key)) {
      throw errors.duplicate('identity already registered', {});
    }
    const salts = saltsFor(secret, subjectKey, tx.txId);
    const fingerprints = fingerprintsOf(salts, data);
    const staged: StagedPersonalData = { subjectKey, personalData: data, salts, fingerprints, stagedTxId: tx.txId, stagedAt: tx.now };
    await putPrivateRecord(ctx.stub, collection, personalDataKey(ctx.stub, subjectKey), staged);
    await putPrivateRecord(ctx.stub, collection, stagingReceiptKey(ctx.stub, subjectKey), stagingReceipt(staged));
    // The event names the staging transaction, not the subject: a staged identity is not public yet.
    tx.recordChange({ family: 'identity', id: tx.txId, action: 'staged', version: 0 });
    return { subjectKey, fingerprints, stagedTxId: tx.txId };
  });
}
