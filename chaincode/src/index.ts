import { GovernanceContract } from './governance/governance-contract';
import { PropertyContract } from './property/property-contract';
import { SystemContract } from './system/system-contract';

export { GovernanceContract, PropertyContract, SystemContract };

/** The contracts the chaincode server exposes; fabric-chaincode-node reads this export. */
export const contracts = [SystemContract, GovernanceContract, PropertyContract];
