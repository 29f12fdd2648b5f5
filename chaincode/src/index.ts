import { AuditContract } from './audit/audit-contract';
import { BusinessContract } from './business/business-contract';
import { CopyrightContract } from './copyright/copyright-contract';
import { GovernanceContract } from './governance/governance-contract';
import { IdentityContract } from './identity/identity-contract';
import { PropertyContract } from './property/property-contract';
import { SystemContract } from './system/system-contract';
import { gateWinstonByLevel } from './core/log-level-gate';

// The chaincode server loads this module once: stop fabric's loggers formatting entries they will drop.
gateWinstonByLevel();

export { AuditContract, BusinessContract, CopyrightContract, GovernanceContract, IdentityContract, PropertyContract, SystemContract };

/** The contracts the chaincode server exposes; fabric-chaincode-node reads this export. */
export const contracts = [SystemContract, GovernanceContract, IdentityContract, AuditContract, PropertyContract, BusinessContract, CopyrightContract];
