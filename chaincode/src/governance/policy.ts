import type { ChaincodeStub } from 'fabric-shim';
import { GovernanceConfig } from '../core/governance-config';
import { registrarPlusOne, setKeyPolicy } from '../core/endorsement-policy';

/**
 * Governance records need the governance org's peer plus one other member's peer, so neither the
 * governance org nor a dataset owner can rewrite them alone.
 */
export async function protectGovernanceKey(stub: ChaincodeStub, key: string, config: Pick<GovernanceConfig, 'governanceMsp' | 'members'>): Promise<void> {
  await setKeyPolicy(stub, key, registrarPlusOne(config.governanceMsp, config.members));
}
