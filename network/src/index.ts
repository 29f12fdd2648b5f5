/**
 * @govchain/network: the native Fabric launcher (topology, bring-up, faults, status) and what its users outside
 * the package need. Only names used by other packages are exported; the CLI and the steps import modules directly.
 */
export * from './topology';
export * from './profile';
export { NetworkError } from './errors';
export { up } from './up';
export { down, stop } from './down';
export { findNode } from './catalogue';
export { killNode, restartNode, raftLeader } from './faults';
export { ledgerHeights, waitPeersLevel } from './heights';
export { distribution } from './soak';
export { collectStatus } from './status';
export { peerHeight } from './channel';
export { peerCli } from './peercli';
export { toolchain } from './toolchain';
export { readState, alive, running } from './processes';
export { endorsementPolicy } from './chaincode';
export { paths } from './paths';
export { operatorGateway, peerConnection } from './client';
export { chaincodeTls } from './chaincode-tls';
export { addOperator } from './operator-add';
export { bootstrapInput } from './seed';
export { portFree } from './ports';
export { tcpOpen } from './wait';
// Chaincode lifecycle steps, for tests that install a modified chaincode on some orgs (rogue-pair e2e).
export { definitionArgs, subjectKeySecret } from './chaincode';
export { ensureApproved, installPackage, writeCcaasPackage } from './ccaas-package';
