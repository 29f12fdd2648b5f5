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
  /** Orgs whose investigators may issue sealing orders (the topology's `seals` orgs); none when absent. */
  sealingOrgs?: string[];
}

/** State key of the governance configuration (a single versioned record). */
export const GOVERNANCE_CONFIG_KEY = 'governance~config';

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
