import type { ChaincodeStub } from 'fabric-shim';
import { RECORD_READER_ROLES } from '../api/roles';
import { type AccessRule, type GovernanceConfig, governanceAndOwner, registrarPlusOne, setKeyPolicy } from '../core';

/** Governance writes: admins of the governance org (approvals: admins of the dataset owners, named per transaction). */
export const GOVERNANCE_ADMIN: AccessRule = { roles: ['admin'], orgs: 'governance' };

/** Governance data holds no personal data: any identified operator of any org may read it. */
export const ANY_READER: AccessRule = { roles: RECORD_READER_ROLES, orgs: 'any' };

/**
 * Governance records need the governance org's peer plus one other member's peer, so neither the
 * governance org nor a dataset owner can rewrite them alone.
 */
export async function protectGovernanceKey(stub: ChaincodeStub, key: string, config: Pick<GovernanceConfig, 'governanceMsp' | 'members'>): Promise<void> {
  await setKeyPolicy(stub, key, registrarPlusOne(config.governanceMsp, config.members));
}

/**
 * Catalogue entries, their pending changes and grants are the owner's consent as much as governance's: the
 * governance org's peer AND the dataset owner's peer (governanceAndOwner), so a pair of departments without the
 * owner cannot change an owner, a share class, the fields or a grant.
 */
export async function protectOwnedKey(stub: ChaincodeStub, key: string, config: Pick<GovernanceConfig, 'governanceMsp' | 'members'>, ownerMsp: string): Promise<void> {
  await setKeyPolicy(stub, key, governanceAndOwner(config.governanceMsp, ownerMsp, config.members));
}
