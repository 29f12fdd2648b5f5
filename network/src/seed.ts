import { Topology } from './topology';
import { Toolchain } from './toolchain';

/**
 * Seeds governance state (member orgs, registrar map) from the topology, as the governance org's admin.
 * Filled in once the Governance contract's bootstrap transaction exists.
 */
export async function seedGovernance(_t: Topology, _tc: Toolchain, log: (s: string) => void): Promise<void> {
  log('[network] governance seed: not yet available in this chaincode version');
}
