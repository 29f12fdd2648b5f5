/**
 * The GovChain record types a receipt can carry, by the object type of their composite key. Indexes, the
 * idempotency store and other helper keys are not records. (Kept in step with the chaincode's key constants
 * by records.test.ts.)
 */
export const RECORD_TYPES = {
  'copyright~deposit': { family: 'copyright', kind: 'deposit' },
  'copyright~transfer': { family: 'copyright', kind: 'transfer' },
  'copyright~licence': { family: 'copyright', kind: 'licence' },
  'property~title': { family: 'property', kind: 'title' },
  'property~transfer': { family: 'property', kind: 'transfer' },
  'property~encumbrance': { family: 'property', kind: 'encumbrance' },
  business: { family: 'business', kind: 'registration' },
  identity: { family: 'identity', kind: 'identity' },
  'audit.entry': { family: 'audit', kind: 'entry' },
  'audit.import': { family: 'audit', kind: 'import-batch' },
  'audit.seal.order': { family: 'audit', kind: 'sealing-order' },
  'audit.seal.end': { family: 'audit', kind: 'sealing-end' },
  'audit.seal.ext': { family: 'audit', kind: 'sealing-extension' },
  'gov.dataset': { family: 'governance', kind: 'dataset' },
  'gov.grant': { family: 'governance', kind: 'grant' },
} as const;

/** A record family. */
export type RecordFamily = (typeof RECORD_TYPES)[keyof typeof RECORD_TYPES]['family'];

/** What a record key names. */
export interface RecordIdentity {
  family: RecordFamily;
  kind: string;
  /** The key's attributes joined with '/', e.g. a deposit id or MSP/dataset/purpose of a grant. */
  id: string;
}

/** Splits a Fabric composite key (U+0000 objectType U+0000 attr U+0000 ...) into type and attributes. */
export function splitCompositeKey(key: string): { objectType: string; attributes: string[] } | undefined {
  if (!key.startsWith('\u0000') || !key.endsWith('\u0000')) return undefined;
  const parts = key.slice(1, -1).split('\u0000');
  const [objectType, ...attributes] = parts;
  return objectType ? { objectType, attributes } : undefined;
}

/** The record a key holds, or undefined for indexes and helper keys. */
export function recordIdentity(key: string): RecordIdentity | undefined {
  const split = splitCompositeKey(key);
  if (!split) return undefined;
  const type = (RECORD_TYPES as Record<string, { family: RecordFamily; kind: string }>)[split.objectType];
  return type ? { family: type.family, kind: type.kind, id: split.attributes.join('/') } : undefined;
}
