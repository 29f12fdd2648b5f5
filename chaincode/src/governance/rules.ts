import type { ChaincodeStub } from 'fabric-shim';
import { type Versioned, canonicalBytes, canonicalStringify, errors, getRecord, isAnchored } from '../core';
import { type DatasetRecord, type GrantRecord, grantRef } from './records';
import type { GrantRef } from './schema';

/** Fields of a catalogue entry whose change needs the owner's consent: who owns it, what it shares, how. */
const CONSENT_FIELDS = ['ownerMsp', 'shareClass', 'fields'] as const;

/** Whether changing a catalogue entry from `current` to `next` needs the owners' consent. */
export function needsConsent(current: DatasetRecord, next: DatasetRecord): boolean {
  return CONSENT_FIELDS.some((f) => canonicalStringify(current[f]) !== canonicalStringify(next[f]));
}

/**
 * What the owner org's peer anchors when its admin approves a grant (Governance:ApproveGrant). Grants are
 * created by the governance org, and their first write is covered by the chaincode-level policy only, so a
 * grant "approved" by anyone but the owner's endorsed approval is not an approval.
 */
export function approvalStatement(grant: GrantRecord): Uint8Array {
  return canonicalBytes({
    approvedBy: grant.approvedByOwner, approvedTxId: grant.approvedTxId ?? null, dataset: grant.dataset, expiresAt: grant.expiresAt,
    grantId: grant.grantId, ownerMsp: grant.ownerMsp, purpose: grant.purpose, requesterMsp: grant.requesterMsp,
  });
}

/** Why a grant does or does not count at `now` for a dataset owned by `ownerMsp`. */
export type GrantStatus = 'none' | 'pending' | 'revoked' | 'unapproved' | 'expired' | 'effective';

/** The status of a grant as read from the ledger (see requireEffectiveGrant). */
export async function grantStatus(stub: ChaincodeStub, grant: Versioned<GrantRecord> | undefined, ownerMsp: string, now: string): Promise<GrantStatus> {
  if (!grant) return 'none';
  if (grant.status !== 'approved') return grant.status;
  const approvedByOwner = grant.ownerMsp === ownerMsp
    && await isAnchored(stub, ownerMsp, grantRef(stub, grant).key, approvalStatement(grant));
  if (!approvedByOwner) return 'unapproved';
  return grant.expiresAt <= now ? 'expired' : 'effective';
}

/**
 * Returns the grant for (requester, dataset, purpose) if it is approved by the dataset's current owner on the
 * ledger (its approval anchored by the owner org's peer) and unexpired at `now`; otherwise throws
 * GRANT_REQUIRED, saying why in details.status.
 */
export async function requireEffectiveGrant(stub: ChaincodeStub, ref: GrantRef, ownerMsp: string, now: string): Promise<Versioned<GrantRecord>> {
  const grant = await getRecord<Versioned<GrantRecord>>(stub, grantRef(stub, ref).key);
  const status = await grantStatus(stub, grant, ownerMsp, now);
  if (!grant || status !== 'effective') throw errors.grantRequired('no grant approved by the dataset owner and unexpired for this org, dataset and purpose', { ...ref, status });
  return grant;
}
