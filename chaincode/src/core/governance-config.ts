import type { ChaincodeStub } from 'fabric-shim';
import { RECORD_TYPES, type RecordType } from '../api/record-types';
import type { z } from 'zod';
import { errors } from './error-helpers';
import type { governanceConfigSchema } from './schema';
import { GOVERNANCE_CONFIG_KEY } from './governance-config-key';
import { getRecord } from './state';

/** The governance configuration (governanceConfigSchema). */
export type GovernanceConfig = z.infer<typeof governanceConfigSchema>;

export { GOVERNANCE_CONFIG_KEY } from './governance-config-key';

// One read per transaction: every record read checks its anchor against the registrar, and reads see
// committed state only, so the config cannot change within a transaction.
const perTransaction = new WeakMap<object, Promise<GovernanceConfig | undefined>>();

/** Reads the governance configuration, or throws CONFIG_MISSING (503) before Bootstrap. */
export async function readGovernanceConfig(stub: ChaincodeStub): Promise<GovernanceConfig> {
  let pending = perTransaction.get(stub);
  if (!pending) {
    pending = getRecord<GovernanceConfig>(stub, GOVERNANCE_CONFIG_KEY);
    perTransaction.set(stub, pending);
  }
  const config = await pending;
  if (!config) throw errors.configMissing('governance not bootstrapped', {});
  return config;
}

/** The registrar MSP of a record type, or CONFIG_MISSING when governance has not named one. */
export function registrarOf(config: GovernanceConfig, type: RecordType): string {
  const msp = config.registrars[type];
  if (!msp) throw errors.configMissing(`no registrar configured for ${type}`, { recordType: type });
  return msp;
}

/**
 * The department whose anchor proves a record of this family was created with its peer endorsing: the
 * registrar of a record type, the governance org for catalogue entries; undefined for families without
 * creation anchors (the governance config is written once at bootstrap and then key-level protected).
 */
export function anchorOrgOf(config: GovernanceConfig, family: string): string | undefined {
  if ((RECORD_TYPES as readonly string[]).includes(family)) return registrarOf(config, family as RecordType);
  if (family === 'catalogue') return config.governanceMsp;
  return undefined;
}

/** Families whose records carry a creation anchor (see anchorOrgOf). */
export function isAnchoredFamily(family: string): boolean {
  return (RECORD_TYPES as readonly string[]).includes(family) || family === 'catalogue';
}
