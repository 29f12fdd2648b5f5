import { Governance } from '../api/governance';
import { type GovernanceConfig, amendVersioned, errors, implementSubmit, readGovernanceConfig, requireCaller } from '../core';
import { GOVERNANCE_ADMIN, protectGovernanceKey } from './access';
import { configRef } from './records';

/** Governance:SetMembers: replaces the member list; the governance org and every registrar must stay. */
export const setMembers = implementSubmit(Governance.tx.SetMembers, async (tx, input) => {
  await requireCaller(tx.ctx, GOVERNANCE_ADMIN);
  const current = await readGovernanceConfig(tx.stub);
  const required = [current.governanceMsp, ...Object.values(current.registrars)].filter((m): m is string => !!m);
  const missing = required.filter((m) => !input.members.includes(m));
  if (missing.length > 0) throw errors.ruleViolation('members must keep the governance org and every registrar', { missing });
  const members = [...input.members].sort();
  const record = await amendVersioned<GovernanceConfig>(tx, configRef, (c) => ({ ...c, members }), input, 'members-set');
  await protectGovernanceKey(tx.stub, configRef.key, { governanceMsp: current.governanceMsp, members });
  return record;
});
