import type { z } from 'zod';
import type { KeyStub, RecordRef } from '../core/keys';
import type { Versioned } from '../core/schema';
import type { businessDataSchema } from './schema';

/** Family name used in events, errors and record refs. */
export const BUSINESS_FAMILY = 'business';

/** Composite-key object types of the business family. */
export const BUSINESS_KEYS = {
  business: 'business',
  /** Index: legal representative subject key -> code. */
  byLegalRepresentative: 'business~legalrep',
} as const;

/** A registered business. */
export type BusinessData = z.infer<typeof businessDataSchema>;
/** Lifecycle of a registered business. */
export type BusinessStatus = BusinessData['status'];
/** Stored form: the data plus version metadata. */
export type BusinessRecord = Versioned<BusinessData>;

/** Record ref of a business by its unified social credit code. */
export function businessRef(stub: KeyStub, code: string): RecordRef {
  return { key: stub.createCompositeKey(BUSINESS_KEYS.business, [code]), family: BUSINESS_FAMILY, id: code };
}
