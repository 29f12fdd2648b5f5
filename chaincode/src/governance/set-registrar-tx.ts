import { Governance } from '../api/governance';
import { type GovernanceConfig, amendVersioned, errors, implementSubmit, requireCallerWithConfig } from '../core';
import { GOVERNANCE_ADMIN } from './access';
import { configRef } from './records';

/** Governance:SetRegistrar: the governance org names the registrar MSP of a record type. */
export const setRegistrar = implementSubmit(Governance.tx.SetRegistrar, async (tx, input) => {
  const { config } = await requireCallerWithConfig(tx.ctx, GOVERNANCE_ADMIN);
  if (!config.members.includes(input.mspId)) throw errors.ruleViolation('registrar must be a member org', { mspId: input.mspId });
  return amendVersioned<GovernanceConfig>(tx, configRef, (c) => ({ ...c, registrars: { ...c.registrars, [input.recordType]: input.mspId } }), input, 'registrar-set');
});
