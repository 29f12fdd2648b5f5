import { Identity } from '../api/identity';
import { implement } from '../core';
import { readIdentity } from './queries';
import { citedLookup } from './rules';
import { fingerprintOf, saltsFor } from './subject-key';

/**
 * Identity:Verify(accessId) (evaluate): does the ID number and name in the transient map match an active
 * identity? Only after Audit:RecordLookup (lookup 'verify') committed for this claim. Answers only {match};
 * unknown, inactive and mismatching look the same. Runs on any member's peer: the salts are re-derived from
 * the secret, so no private data is read.
 */
export const verify = implement(Identity.tx.Verify, async (ctx, accessId) => {
  const { claim, secret, subjectKey } = await citedLookup(ctx, accessId, 'verify');
  const record = await readIdentity(ctx.stub, subjectKey);
  let match = false;
  if (record && record.status === 'active') {
    const salts = saltsFor(secret, subjectKey, record.stagedTxId);
    match = fingerprintOf(salts.idNumber, claim.idNumber) === record.fingerprints.idNumber
      && fingerprintOf(salts.name, claim.name ?? '') === record.fingerprints.name;
  }
  return { match };
});
