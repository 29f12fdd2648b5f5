import type { Context } from 'fabric-contract-api';
import type { ChaincodeStub } from 'fabric-shim';
import type { Role } from '../api/roles';
import { type AccessRule, type GovernanceConfig, encodePolicy, errors, everyMember, requireCallerWithConfig, setKeyPolicyBytes } from '../core';
import type { RecordLookupInput } from './schema';

/** Audit queries are for auditors of any member org (the gateway calls the citizen view for citizens). */
export const AUDITOR: AccessRule = { roles: ['auditor'], orgs: 'member' };

/** Who records an access (and reads under it): registrars and clerks of member orgs. */
export const ACCESSORS: AccessRule = { roles: ['registrar', 'clerk'], orgs: 'member' };

/** Who may look up: verify as before (registrars, clerks, admins); subject keys also for auditors. */
export const LOOKUP_ROLES: Record<RecordLookupInput['lookup'], readonly Role[]> = {
  verify: ['registrar', 'clerk', 'admin'],
  'subject-key': ['registrar', 'clerk', 'admin', 'auditor'],
};

/** Sealing orders are issued and ended by investigators of the orgs the governance config lets seal. */
export async function requireSealingAuthority(ctx: Context): Promise<{ config: GovernanceConfig }> {
  const { caller, config } = await requireCallerWithConfig(ctx, { roles: ['investigator'], orgs: 'member' });
  const allowed = config.sealingOrgs ?? [];
  if (!allowed.includes(caller.mspId)) throw errors.forbiddenOrg(`org ${caller.mspId} may not issue sealing orders`, { mspId: caller.mspId, allowed });
  return { config };
}

/** Writes one key of the audit trail. */
export type WriteOnce = (key: string, bytes: Uint8Array) => Promise<void>;

/**
 * A writer for keys of the audit trail (entries, their indexes, import batches, sealing orders, their ends and
 * extensions): each key is written once by honest code and gets the key-level policy "every member
 * department's peer" (everyMember), so no pair of departments can later change or delete it. The policy is
 * encoded once per transaction.
 */
export function writeOnce(stub: ChaincodeStub, members: readonly string[]): WriteOnce {
  const policy = encodePolicy(everyMember(members));
  return async (key, bytes) => {
    await stub.putState(key, bytes);
    await setKeyPolicyBytes(stub, key, policy);
  };
}
