import type { Context } from 'fabric-contract-api';
import { requireCaller } from '../core/access-guard';
import { parseWith } from '../core/args';
import { canonicalStringify } from '../core/canonical-json';
import { errors } from '../core/error-helpers';
import { txTimeIso } from '../core/tx-time';
import { disclosureTime } from '../audit/access-window';
import { LOOKUP_ROLES, lookupClaim } from '../audit/lookup-tx';
import { LookupEntry, isLookup, readEntry } from '../audit/records';
import { RecordLookupInput, accessIdSchema } from '../audit/schema';
import { readIdentity } from './records';
import { claimRefOf, fingerprintOf, lookupRefOf, saltsFor, subjectKeyOf, subjectSecret } from './subject-key';

/**
 * The committed lookup a lookup answer cites: recorded by this very operator, of this kind, for exactly this
 * claim, within its 5-minute window. Anything else is ACCESS_DENIED (fail closed: no entry, no answer).
 */
async function citedLookup(ctx: Context, accessId: string, kind: RecordLookupInput['lookup']) {
  const { caller } = await requireCaller(ctx, { roles: LOOKUP_ROLES[kind], orgs: 'member' });
  const id = parseWith(accessIdSchema, accessId, 'accessId');
  const claim = lookupClaim(ctx, kind);
  const entry = await readEntry(ctx.stub, id);
  const mine = (e: typeof entry): e is LookupEntry => !!e && isLookup(e) && e.lookup === kind
    && e.accessorMsp === caller.mspId && e.accessorOperatorId === caller.operatorId;
  if (!mine(entry)) throw errors.accessDenied(`no committed ${kind} lookup by this operator with this access id`, { accessId: id });
  disclosureTime(entry, txTimeIso(ctx.stub));
  const secret = subjectSecret();
  const subjectKey = subjectKeyOf(secret, claim.idNumber);
  if (entry.subjectRef !== lookupRefOf(secret, subjectKey) || entry.claimRef !== claimRefOf(secret, claim)) {
    throw errors.accessDenied('the claim is not the one this lookup recorded', { accessId: id });
  }
  return { claim, secret, subjectKey };
}

/**
 * Identity:Verify(accessId) (evaluate): does the ID number and name in the transient map match an active
 * identity? Only after Audit:RecordLookup (lookup 'verify') committed for this claim. Answers only {match};
 * unknown, inactive and mismatching look the same. Runs on any member's peer: the salts are re-derived from
 * the secret, so no private data is read.
 */
export async function verify(ctx: Context, accessId: string): Promise<string> {
  const { claim, secret, subjectKey } = await citedLookup(ctx, accessId, 'verify');
  const record = await readIdentity(ctx.stub, subjectKey);
  let match = false;
  if (record && record.status === 'active') {
    const salts = saltsFor(secret, subjectKey, record.stagedTxId);
    match = fingerprintOf(salts.idNumber, claim.idNumber) === record.fingerprints.idNumber
      && fingerprintOf(salts.name, claim.name ?? '') === record.fingerprints.name;
  }
  return canonicalStringify({ match });
}

/**
 * Identity:SubjectKey(accessId) (evaluate): the subject key of the resident ID number in the transient map, so
 * a service window that holds the number can cite the pseudonym without the gateway holding the secret. Only
 * after Audit:RecordLookup (lookup 'subject-key') committed for this number.
 */
export async function subjectKey(ctx: Context, accessId: string): Promise<string> {
  const { subjectKey: key } = await citedLookup(ctx, accessId, 'subject-key');
  return canonicalStringify({ subjectKey: key });
}
