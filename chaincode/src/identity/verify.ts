import type { Context } from 'fabric-contract-api';
import { requireCaller } from '../core/access-guard';
import { parseTransient } from '../core/args';
import { canonicalStringify } from '../core/canonical-json';
import { getRecord } from '../core/state';
import { IdentityRecord, identityRef } from './records';
import { subjectKeyLookupSchema, verifySchema } from './schema';
import { PERSONAL_DATA_KEY } from './stage-tx';
import { fingerprintOf, saltsFor, subjectKeyOf, subjectSecret } from './subject-key';

/**
 * Identity:Verify (evaluate): does this ID number and name match an active identity? Answers only
 * {match}; unknown, inactive and mismatching all look the same. Runs on any member's peer: the salts are
 * re-derived from the secret, so no private data is read.
 */
export async function verify(ctx: Context): Promise<string> {
  await requireCaller(ctx, { roles: ['registrar', 'clerk', 'admin'], orgs: 'member' });
  const claim = parseTransient(ctx.stub, PERSONAL_DATA_KEY, verifySchema);
  const secret = subjectSecret();
  const subjectKey = subjectKeyOf(secret, claim.idNumber);
  const record = await getRecord<IdentityRecord>(ctx.stub, identityRef(ctx.stub, subjectKey).key);
  let match = false;
  if (record && record.status === 'active') {
    const salts = saltsFor(secret, subjectKey, record.stagedTxId);
    match = fingerprintOf(salts.idNumber, claim.idNumber) === record.fingerprints.idNumber
      && fingerprintOf(salts.name, claim.name) === record.fingerprints.name;
  }
  return canonicalStringify({ match });
}

/**
 * Identity:SubjectKey (evaluate): the subject key of a resident ID number, so a service window that holds
 * the number can cite the pseudonym without the gateway holding the secret. Says nothing about whether
 * the identity exists; the answer is a keyed hash, not personal data.
 */
export async function subjectKey(ctx: Context): Promise<string> {
  await requireCaller(ctx, { roles: ['registrar', 'clerk', 'admin', 'auditor'], orgs: 'member' });
  const { idNumber } = parseTransient(ctx.stub, PERSONAL_DATA_KEY, subjectKeyLookupSchema);
  return canonicalStringify({ subjectKey: subjectKeyOf(subjectSecret(), idNumber) });
}
