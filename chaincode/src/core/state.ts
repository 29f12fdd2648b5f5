import type { ChaincodeStub } from 'fabric-shim';
import { canonicalBytes, parseBytes } from './canonical-json';
import { errors } from './error-helpers';

/**
 * Reads a JSON record from public state, or undefined when absent. Note: like Fabric, reads see committed
 * state only, never this transaction's own writes.
 */
export async function getRecord<T>(stub: ChaincodeStub, key: string): Promise<T | undefined> {
  const bytes = await stub.getState(key);
  return bytes && bytes.length > 0 ? parseBytes<T>(bytes) : undefined;
}

/** Reads a record or throws RECORD_NOT_FOUND naming the family and id (never personal data). */
export async function getRecordOrThrow<T>(stub: ChaincodeStub, key: string, what: { family: string; id: string }): Promise<T> {
  const record = await getRecord<T>(stub, key);
  if (record === undefined) throw errors.recordNotFound(`${what.family} ${what.id} not found`, what);
  return record;
}

/** Writes a record to public state as canonical JSON. */
export async function putRecord(stub: ChaincodeStub, key: string, value: unknown): Promise<void> {
  await stub.putState(key, canonicalBytes(value));
}

/** Reads a JSON record from a private data collection, or undefined when absent or purged. */
export async function getPrivateRecord<T>(stub: ChaincodeStub, collection: string, key: string): Promise<T | undefined> {
  const bytes = await stub.getPrivateData(collection, key);
  return bytes && bytes.length > 0 ? parseBytes<T>(bytes) : undefined;
}

/** Writes a record to a private data collection as canonical JSON. */
export async function putPrivateRecord(stub: ChaincodeStub, collection: string, key: string, value: unknown): Promise<void> {
  await stub.putPrivateData(collection, key, canonicalBytes(value));
}

/** True when the collection holds a (hash of a) value under key; works on peers outside the collection. */
export async function privateDataExists(stub: ChaincodeStub, collection: string, key: string): Promise<boolean> {
  const hash = await stub.getPrivateDataHash(collection, key);
  return !!hash && hash.length > 0;
}

/** Builds a composite key; attributes must not contain U+0000 (the shim would reject them anyway). */
export function compositeKey(stub: ChaincodeStub, objectType: string, attributes: string[]): string {
  return stub.createCompositeKey(objectType, attributes);
}

export { privateCollectionOf } from './collections';
