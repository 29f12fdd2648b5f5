import type { z } from 'zod';
import { canonicalStringify } from '../core/canonical-json';
import type { KeyStub, RecordRef } from '../core/keys';
import type { Versioned } from '../core/schema';
import type { CopyrightRecordKind, Holder, copyrightTransferDataSchema, depositDataSchema, evidenceCertificateSchema, licenceDataSchema } from './schema';

/** Family name used in events, errors and record refs. */
export const COPYRIGHT_FAMILY = 'copyright';

/** Composite-key object types of the copyright family. */
export const COPYRIGHT_KEYS = {
  deposit: 'copyright~deposit',
  /** Unique index: content hash -> deposit id (one deposit per hash). */
  byHash: 'copyright~hash',
  transfer: 'copyright~transfer',
  licence: 'copyright~licence',
  /** Index: deposit id -> transfer id. */
  transferByDeposit: 'copyright~deposit~transfer',
  /** Index: deposit id -> licence id. */
  licenceByDeposit: 'copyright~deposit~licence',
} as const;

/** The evidence certificate data known inside chaincode (the gateway adds the block number). */
export type EvidenceCertificate = z.infer<typeof evidenceCertificateSchema>;
/** A deposited work. */
export type DepositData = z.infer<typeof depositDataSchema>;
/** An assignment of rights. */
export type CopyrightTransferData = z.infer<typeof copyrightTransferDataSchema>;
/** A licence on a deposited work. */
export type LicenceData = z.infer<typeof licenceDataSchema>;
/** Stored form: the data plus version metadata. */
export type DepositRecord = Versioned<DepositData>;

/** What the unique hash index stores. */
export interface HashIndexEntry {
  depositId: string;
}

/** Record ref of a deposit. */
export const depositRef = (stub: KeyStub, depositId: string): RecordRef =>
  ({ key: stub.createCompositeKey(COPYRIGHT_KEYS.deposit, [depositId]), family: COPYRIGHT_FAMILY, id: depositId });

/** Key of the unique hash index entry. */
export const hashIndexKey = (stub: KeyStub, contentHash: string): string => stub.createCompositeKey(COPYRIGHT_KEYS.byHash, [contentHash]);

/** Record ref of a copyright transfer. */
export const copyrightTransferRef = (stub: KeyStub, transferId: string): RecordRef =>
  ({ key: stub.createCompositeKey(COPYRIGHT_KEYS.transfer, [transferId]), family: COPYRIGHT_FAMILY, id: transferId });

/** Record ref of a licence. */
export const licenceRef = (stub: KeyStub, licenceId: string): RecordRef =>
  ({ key: stub.createCompositeKey(COPYRIGHT_KEYS.licence, [licenceId]), family: COPYRIGHT_FAMILY, id: licenceId });

/** Record ref of any copyright record kind (History transaction). */
export function copyrightRef(stub: KeyStub, kind: CopyrightRecordKind, id: string): RecordRef {
  if (kind === 'deposit') return depositRef(stub, id);
  return kind === 'transfer' ? copyrightTransferRef(stub, id) : licenceRef(stub, id);
}

/**
 * Deposit id from the tx id: unique per transaction and identical on every endorser. 32 hex characters
 * of a 256-bit tx id leave collisions negligible, and createVersioned refuses one anyway (DUPLICATE).
 */
export const depositIdOf = (txId: string): string => `CR-${txId.slice(0, 32)}`;
/** Id of the n-th transfer of a deposit. */
export const copyrightTransferIdOf = (depositId: string, n: number): string => `${depositId}:T${n}`;
/** Id of the n-th licence of a deposit. */
export const licenceIdOf = (depositId: string, n: number): string => `${depositId}:L${n}`;

/** Holders in canonical order, so equal sets store equal bytes. */
export const sortHolders = (holders: readonly Holder[]): Holder[] =>
  [...holders].sort((a, b) => (canonicalStringify(a) < canonicalStringify(b) ? -1 : 1));
