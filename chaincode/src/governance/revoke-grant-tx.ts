import { Governance } from '../api/governance';
import { amendVersioned, errors, implementSubmit, requireCallerWithConfig } from '../core';
import { protectOwnedKey } from './access';
import { loadGrant } from './queries';
import type { GrantRecord } from './records';

/** Governance:RevokeGrant: the governance org or the owner org's admin ends a grant. */
export const revokeGrant = implementSubmit(Governance.tx.RevokeGrant, async (tx, input) => {
  const { grant, ref } = await loadGrant(tx.stub, input);
  const { config } = await requireCallerWithConfig(tx.ctx, { roles: ['admin'], orgs: 'member' });
  if (tx.caller.mspId !== config.governanceMsp && tx.caller.mspId !== grant.ownerMsp) {
    throw errors.forbiddenOrg('only the governance org or the dataset owner may revoke', { mspId: tx.caller.mspId });
  }
  if (grant.status === 'revoked') throw errors.invalidState('grant already revoked', { grantId: grant.grantId });
  const revoked = await amendVersioned<GrantRecord>(tx, ref, (g) => ({ ...g, status: 'revoked' }), input, 'revoked');
  await protectOwnedKey(tx.stub, ref.key, config, grant.ownerMsp);
  return revoked;
});
