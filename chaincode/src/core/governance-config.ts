import type { ChaincodeStub } from 'fabric-shim';
import { errors } from './error-helpers';
import { getRecord } from './state';

/** Record types that have a registrar org. */
export const RECORD_TYPES = ['identity', 'property', 'business', 'copyright'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/**
 * The governance configuration written by Governance:Bootstrap. Core reads it to resolve access rules
 * such as "registrar of identity"; only the governance family writes it.
 */
export interface GovernanceConfig {
  governanceMsp: string;
  members: string[];
  registrars: Partial<Record<RecordType, string>>;
}

/** State key of the governance configuration (a single versioned record). */
export const GOVERNANCE_CONFIG_KEY = 'governance~config';

/** Reads the governance configuration, or throws CONFIG_MISSING (503) before Bootstrap. */
export async function readGovernanceConfig(stub: ChaincodeStub): Promise<GovernanceConfig> {
  const config = await getRecord<GovernanceConfig>(stub, GOVERNANCE_CONFIG_KEY);
  if (!config) throw errors.configMissing('governance not bootstrapped', {});
  return config;
}

/** The registrar MSP of a record type, or CONFIG_MISSING when governance has not named one. */
export function registrarOf(config: GovernanceConfig, type: RecordType): string {
  const msp = config.registrars[type];
  if (!msp) throw errors.configMissing(`no registrar configured for ${type}`, { recordType: type });
  return msp;
}
