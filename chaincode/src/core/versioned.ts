import { callerLabel } from './caller';
import { errors } from './error-helpers';
import { AmendmentInput } from './schema';
import { getRecord, getRecordOrThrow, putRecord } from './state';
import { Tx } from './tx';

/** Amendment metadata carried by every version of a record: what it supersedes, why, and who approved. */
export interface VersionMeta {
  version: number;
  /** Tx id of the version this one supersedes; null for the first version. */
  previousTxId: string | null;
  reason: string;
  legalAuthority: string;
  /** "operatorId@MSP" of the signing operator: the chaincode can verify only the signer. */
  approvedBy: string;
  createdAt: string;
  updatedAt: string;
  updatedTxId: string;
}

/** A stored record: its data plus `meta`. */
export type Versioned<T> = T & { meta: VersionMeta };

/** Where a versioned record lives and how it is named in events and errors. */
export interface RecordRef {
  key: string;
  family: string;
  id: string;
}

/** Creates version 1 of a record; DUPLICATE when the key exists. Records the change for the event. */
export async function createVersioned<T extends object>(
  tx: Tx, ref: RecordRef, data: T, amendment: AmendmentInput, action: string,
): Promise<Versioned<T>> {
  if ((await getRecord(tx.stub, ref.key)) !== undefined) {
    throw errors.duplicate(`${ref.family} ${ref.id} already exists`, { family: ref.family, id: ref.id });
  }
  const meta = metaFor(tx, 1, null, amendment, tx.now);
  return write(tx, ref, { ...data, meta }, action);
}

/**
 * Writes the next version of an existing record. `change` gets the current data (without meta) and
 * returns the new data; the previous version is referenced by its tx id, never overwritten silently.
 */
export async function amendVersioned<T extends object>(
  tx: Tx, ref: RecordRef, change: (current: T) => T, amendment: AmendmentInput, action: string,
): Promise<Versioned<T>> {
  const current = await getRecordOrThrow<Versioned<T>>(tx.stub, ref.key, { family: ref.family, id: ref.id });
  const { meta: previous, ...data } = current;
  const next = change(data as unknown as T);
  const meta = metaFor(tx, previous.version + 1, previous.updatedTxId, amendment, previous.createdAt);
  return write(tx, ref, { ...next, meta }, action);
}

/** Reads a versioned record or throws RECORD_NOT_FOUND. */
export function readVersioned<T extends object>(tx: Pick<Tx, 'stub'>, ref: RecordRef): Promise<Versioned<T>> {
  return getRecordOrThrow<Versioned<T>>(tx.stub, ref.key, { family: ref.family, id: ref.id });
}

function metaFor(tx: Tx, version: number, previousTxId: string | null, amendment: AmendmentInput, createdAt: string): VersionMeta {
  return {
    version,
    previousTxId,
    reason: amendment.reason,
    legalAuthority: amendment.legalAuthority,
    approvedBy: callerLabel(tx.caller),
    createdAt,
    updatedAt: tx.now,
    updatedTxId: tx.txId,
  };
}

async function write<T extends object>(tx: Tx, ref: RecordRef, record: Versioned<T>, action: string): Promise<Versioned<T>> {
  await putRecord(tx.stub, ref.key, record);
  tx.recordChange({ family: ref.family, id: ref.id, action, version: record.meta.version });
  return record;
}
