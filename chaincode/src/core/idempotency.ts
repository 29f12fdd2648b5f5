import type { ChaincodeStub } from 'fabric-shim';
import { canonicalStringify } from './canonical-json';
import { errors } from './error-helpers';
import { sha256Hex } from './hashing';
import { getPrivateRecord, getRecord, putPrivateRecord, putRecord } from './state';

/** What is stored per (caller MSP, request id). */
export interface IdempotencyRecord {
  inputHash: string;
  result: string;
  txId: string;
  at: string;
}

/** Where the idempotency record lives: public state, or a private collection for private-only txs. */
export interface IdempotencyStore {
  collection?: string;
}

const OBJECT_TYPE = 'idem';

/** Hash of the canonical input of a transaction: name, calling operator and validated input. */
export function inputHash(txName: string, operator: string, input: unknown): string {
  return sha256Hex(canonicalStringify({ input, operator, tx: txName }));
}

function keyOf(stub: ChaincodeStub, mspId: string, requestId: string): string {
  return stub.createCompositeKey(OBJECT_TYPE, [mspId, requestId]);
}

/**
 * Looks up an earlier use of the request id: returns its stored result when the input is the same (rewriting a
 * private record unchanged, see below), throws IDEMPOTENCY_CONFLICT (409) when it differs, undefined when the id is new.
 */
export async function replayOrConflict(
  stub: ChaincodeStub, store: IdempotencyStore, mspId: string, requestId: string, hash: string,
): Promise<string | undefined> {
  const key = keyOf(stub, mspId, requestId);
  const found = store.collection
    ? await getPrivateRecord<IdempotencyRecord>(stub, store.collection, key)
    : await getRecord<IdempotencyRecord>(stub, key);
  if (!found) return undefined;
  if (found.inputHash !== hash) {
    throw errors.idempotencyConflict('requestId was already used with a different input', { requestId, firstTxId: found.txId });
  }
  // A private-only transaction's replay writes its record again, unchanged: a transaction that writes nothing is
  // validated against the chaincode-level policy, which the collection owner endorsing alone can never satisfy.
  if (store.collection) await putPrivateRecord(stub, store.collection, key, found);
  return found.result;
}

/** Stores the result of a request id for later replays. */
export async function rememberResult(
  stub: ChaincodeStub, store: IdempotencyStore, mspId: string, requestId: string, record: IdempotencyRecord,
): Promise<void> {
  const key = keyOf(stub, mspId, requestId);
  if (store.collection) await putPrivateRecord(stub, store.collection, key, record);
  else await putRecord(stub, key, record);
}
