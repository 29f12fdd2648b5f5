import { Governance } from '../api/governance';
import { type GovernanceConfig, createVersioned, errors, getRecord, implementSubmit, requireCaller } from '../core';
import { protectGovernanceKey } from './access';
import { configRef } from './records';

/**
 * Governance:Bootstrap: writes the first governance config. Allowed once, and only to an admin of the
 * MSP the input names as governance org (there is no config yet to consult).
 */
export const bootstrap = implementSubmit(Governance.tx.Bootstrap, async (tx, input) => {
  await requireCaller(tx.ctx, { roles: ['admin'], orgs: [input.governanceMsp] });
  if (await getRecord(tx.stub, configRef.key)) throw errors.invalidState('governance already bootstrapped', {});
  const { reason, legalAuthority, ...config } = input;
  const record = await createVersioned<GovernanceConfig>(tx, configRef, config, { reason, legalAuthority }, 'bootstrapped');
  await protectGovernanceKey(tx.stub, configRef.key, config);
  return record;
});
