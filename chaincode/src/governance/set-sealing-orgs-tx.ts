import { Governance } from '../api/governance';
import { type GovernanceConfig, amendVersioned, errors, implementSubmit, requireCallerWithConfig } from '../core';
import { GOVERNANCE_ADMIN } from './access';
import { configRef } from './records';

/** Governance:SetSealingOrgs: the governance org names the orgs whose investigators may issue sealing orders. */
export const setSealingOrgs = implementSubmit(Governance.tx.SetSealingOrgs, async (tx, input) => {
  const { config } = await requireCallerWithConfig(tx.ctx, GOVERNANCE_ADMIN);
  const strangers = input.sealingOrgs.filter((m) => !config.members.includes(m));
  if (strangers.length > 0) throw errors.ruleViolation('every sealing org must be a member', { strangers });
  const sealingOrgs = [...input.sealingOrgs].sort();
  return amendVersioned<GovernanceConfig>(tx, configRef, (c) => ({ ...c, sealingOrgs }), input, 'sealing-orgs-set');
});
