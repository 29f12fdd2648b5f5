import { Audit } from '../api/audit';
import { implementSubmit, registrarOf, requireCallerWithConfig } from '../core';
import { claimRefOf, lookupRefOf, subjectKeyOf, subjectSecret } from '../identity/subject-key';
import { LOOKUP_ROLES } from './access';
import { putEntries } from './entries';
import type { LookupEntry } from './records';
import { LOOKUP_TTL_MS, lookupClaim, windowEnd } from './rules';

/** The "dataset" a lookup entry names: the identity register itself, held by the identity registrar. */
export const LOOKUP_DATASET = 'identity-register';

/**
 * Audit:RecordLookup: a lookup that reveals whether a person is registered (verify) or links an ID number to
 * a subject key is a disclosure, so it is recorded first, like an access: who, which org and role, the
 * purpose, legal basis and case. The claim travels only in the transient map; the entry holds keyed
 * pseudonyms of the subject and the claim (never the subject key, which the client would otherwise read in the
 * endorsement response without ever committing). The answer comes only from Identity:Verify or
 * Identity:SubjectKey citing this committed entry, by the same operator, within 5 minutes.
 */
export const recordLookup = implementSubmit(Audit.tx.RecordLookup, (ctx, input) => {
  const claim = lookupClaim(ctx, input.lookup);
  const secret = subjectSecret();
  const subjectRef = lookupRefOf(secret, subjectKeyOf(secret, claim.idNumber));
  const claimRef = claimRefOf(secret, claim);
  // The idempotency hash covers the claim through its keyed digest only (an unkeyed hash of an ID number could be brute-forced).
  return { value: { subjectRef, claimRef }, idempotencyInput: { ...input, claimRef } };
}, async (tx, input, { subjectRef, claimRef }) => {
  const { config } = await requireCallerWithConfig(tx.ctx, { roles: LOOKUP_ROLES[input.lookup], orgs: 'member' });
  const entry: LookupEntry = {
    ...input,
    kind: 'lookup',
    accessId: tx.txId,
    accessorOperatorId: tx.caller.operatorId,
    accessorMsp: tx.caller.mspId,
    role: tx.caller.role,
    dataset: LOOKUP_DATASET,
    datasetOwnerMsp: registrarOf(config, 'identity'),
    fields: input.lookup === 'verify' ? ['idNumber', 'name'] : ['idNumber'],
    at: tx.now,
    expiresAt: windowEnd(tx.now, LOOKUP_TTL_MS, null),
    grantId: null,
    subjectRef,
    claimRef,
  };
  await putEntries(tx.stub, config.members, [entry]);
  tx.recordChange({ family: 'audit', id: entry.accessId, action: 'lookup-recorded', version: 1 });
  return { accessId: entry.accessId, expiresAt: entry.expiresAt };
});
