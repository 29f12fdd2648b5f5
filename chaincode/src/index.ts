import { SystemContract } from './system/system-contract';

export { SystemContract };

/** The contracts the chaincode server exposes; fabric-chaincode-node reads this export. */
export const contracts = [SystemContract];
