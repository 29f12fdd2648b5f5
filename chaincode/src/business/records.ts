import type { ChaincodeStub } from 'fabric-shim';
import type { RecordRef, Versioned } from '../core/versioned';
import type { ENTITY_TYPES } from './schema';

/** Family name used in events, errors and record refs. */
export const BUSINESS_FAMILY = 'business';

/** Composite-key object types of the business family. */
export const BUSINESS_KEYS = {
  business: 'business',
  /** Index: legal representative subject key -> code. */
  byLegalRepresentative: 'business~legalrep',
} as const;

/** Lifecycle of a registered business. */
export type BusinessStatus = 'active' | 'suspended' | 'deregistered';

/** A registered business (market entity). Public register data only; the representative is a subject key. */
export interface BusinessData {
  code: string;
  name: string;
  entityType: (typeof ENTITY_TYPES)[number];
  registeredCapital: { amount: string; currency: string };
  legalRepresentative: string;
  addressFingerprint: string;
  status: BusinessStatus;
  registrarMsp: string;
}

/** Stored form: the data plus version metadata. */
export type BusinessRecord = Versioned<BusinessData>;

/** Record ref of a business by its unified social credit code. */
export function businessRef(stub: Pick<ChaincodeStub, 'createCompositeKey'>, code: string): RecordRef {
  return { key: stub.createCompositeKey(BUSINESS_KEYS.business, [code]), family: BUSINESS_FAMILY, id: code };
}
