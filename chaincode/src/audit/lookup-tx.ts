import type { Context } from 'fabric-contract-api';
import { requireCallerWithConfig } from '../core/access-guard';
import { parseJsonArg, parseTransient } from '../core/args';
import { registrarOf } from '../core/governance-config';
import { Role } from '../core/schema';
import { submit } from '../core/submit';
import { subjectKeyLookupSchema, verifySchema } from '../identity/schema';
import { PERSONAL_DATA_KEY } from '../identity/stage-tx';
import { claimRefOf, lookupRefOf, subjectKeyOf, subjectSecret } from '../identity/subject-key';
import { LOOKUP_TTL_MS, windowEnd } from './access-window';
import { LookupEntry, putEntries } from './records';
import { RecordLookupInput, recordLookupSchema } from './schema';

/** The "dataset" a lookup entry names: the identity register itself, held by the identity registrar. */
export const LOOKUP_DATASET = 'identity-register';

/** Who may look up: verify as before (registrars, clerks, admins); subject keys also for auditors. */
export const LOOKUP_ROLES: Record<RecordLookupInput['lookup'], readonly Role[]> = {
  verify: ['registrar', 'clerk', 'admin'],
  'subject-key': ['registrar', 'clerk', 'admin', 'auditor'],
};

/** The transient claim of a lookup, validated for its kind. */
export function lookupClaim(ctx: Context, lookup: RecordLookupInput['lookup']): { idNumber: string; name?: string } {
  return lookup === 'verify' ? parseTransient(ctx.stub, PERSONAL_DATA_KEY, verifySchema) : parseTransient(ctx.stub, PERSONAL_DATA_KEY, subjectKeyLookupSchema);
}

/**
 * Audit:RecordLookup: a lookup that reveals whether a person is registered (verify) or links an ID number to
 * a subject key is a disclosure, so it is recorded first, like an access: who, which org and role, the
 * purpose, legal basis and case. The claim travels only in the transient map; the entry holds keyed
 * pseudonyms of the subject and the claim (never the subject key, which the client would otherwise read in the
 * endorsement response without ever committing). The answer comes only from Identity:Verify or
 * Identity:SubjectKey citing this committed entry, by the same operator, within 5 minutes.
 */
export async function recordLookup(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(recordLookupSchema, raw, 'input');
  const claim = lookupClaim(ctx, input.lookup);
  const secret = subjectSecret();
  const subjectRef = lookupRefOf(secret, subjectKeyOf(secret, claim.idNumber));
  const claimRef = claimRefOf(secret, claim);
  // The idempotency hash covers the claim through its keyed digest only (an unkeyed hash of an ID number could be brute-forced).
  return submit(ctx, { txName: 'Audit:RecordLookup', requestId, input: { ...input, claimRef } }, async (tx) => {
    const { config } = await requireCallerWithConfig(ctx, { roles: LOOKUP_ROLES[input.lookup], orgs: 'member' });
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
    await putEntries(ctx.stub, config.members, [entry]);
    tx.recordChange({ family: 'audit', id: entry.accessId, action: 'lookup-recorded', version: 1 });
    return { accessId: entry.accessId, expiresAt: entry.expiresAt };
  });
}
