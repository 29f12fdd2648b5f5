import type { ChaincodeStub } from 'fabric-shim';
import { creationAnchor, isAnchored, putAnchor } from './anchors';
import { callerLabel } from './caller';
import { errors } from './error-helpers';
import { anchorOrgOf, isAnchoredFamily, readGovernanceConfig } from './governance-config';
import type { AmendmentInput, VersionMeta, Versioned } from './schema';
import { getRecord, putRecord } from './state';
import type { RecordRef } from './keys';
import { Tx } from './tx';




/**
 * Creates version 1 of a record; DUPLICATE when the key exists. Records the change for the event. Records
 * of anchored families (see anchorOrgOf) also get their creation anchor in the registrar's anchors
 * collection, so the creation commits only with the registrar's peer endorsing.
 */
export async function createVersioned<T extends object>(
  tx: Tx, ref: RecordRef, data: T, amendment: AmendmentInput, action: string,
): Promise<Versioned<T>> {
  if ((await getRecord(tx.stub, ref.key)) !== undefined) {
    throw errors.duplicate(`${ref.family} ${ref.id} already exists`, { family: ref.family, id: ref.id });
  }
  const meta = metaFor(tx, 1, null, amendment, tx.now);
  const record = await write(tx, ref, { ...data, meta }, action);
  const anchorMsp = isAnchoredFamily(ref.family) ? anchorOrgOf(await readGovernanceConfig(tx.stub), ref.family) : undefined;
  if (anchorMsp) await putAnchor(tx.stub, anchorMsp, ref.key, creationAnchor(ref.key));
  return record;
}

/**
 * Reads a record as honest code must: undefined when absent, and also when its family is anchored but its
 * creation anchor is missing (a record created by departments other than its registrar, e.g. with modified
 * chaincode: it does not exist for GovChain).
 */
export async function readAnchoredRecord<T>(stub: ChaincodeStub, ref: RecordRef): Promise<T | undefined> {
  const record = await getRecord<T>(stub, ref.key);
  if (record === undefined || !isAnchoredFamily(ref.family)) return record;
  const msp = anchorOrgOf(await readGovernanceConfig(stub), ref.family);
  if (msp && !(await isAnchored(stub, msp, ref.key, creationAnchor(ref.key)))) return undefined;
  return record;
}

/**
 * Writes the next version of an existing record. `change` gets the current data (without meta) and
 * returns the new data; the previous version is referenced by its tx id, never overwritten silently.
 */
export async function amendVersioned<T extends object>(
  tx: Tx, ref: RecordRef, change: (current: T) => T, amendment: AmendmentInput, action: string,
): Promise<Versioned<T>> {
  const current = await readVersioned<T>(tx, ref);
  const { meta: previous, ...data } = current;
  const next = change(data as unknown as T);
  const meta = metaFor(tx, previous.version + 1, previous.updatedTxId, amendment, previous.createdAt);
  return write(tx, ref, { ...next, meta }, action);
}

/** Reads a versioned (and, where its family is anchored, anchored) record or throws RECORD_NOT_FOUND. */
export async function readVersioned<T extends object>(tx: Pick<Tx, 'stub'>, ref: RecordRef): Promise<Versioned<T>> {
  const record = await readAnchoredRecord<Versioned<T>>(tx.stub, ref);
  if (record === undefined) throw errors.recordNotFound(`${ref.family} ${ref.id} not found`, { family: ref.family, id: ref.id });
  return record;
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
