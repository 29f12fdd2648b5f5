import type { z } from 'zod';
import type { KeyStub, RecordRef } from '../core/keys';
import type { Fingerprints, PersonalData, identityRecordSchema } from './schema';

/** The public identity record. */
export type IdentityRecord = z.infer<typeof identityRecordSchema>;
export type IdentityStatus = IdentityRecord['status'];

/** What the registrar's private collection holds per subject. */
export interface StagedPersonalData {
  subjectKey: string;
  personalData: PersonalData;
  salts: Fingerprints;
  fingerprints: Fingerprints;
  stagedTxId: string;
  stagedAt: string;
}

export const IDENTITY_FAMILY = 'identity';

/** Composite-key object types of the identity family (personal data and staging receipts: private only). */
export const IDENTITY_KEYS = {
  identity: 'identity',
  personalData: 'identity.pd',
  stagingReceipt: 'identity.staged',
} as const;

export function identityRef(stub: KeyStub, subjectKey: string): RecordRef {
  return { key: stub.createCompositeKey(IDENTITY_KEYS.identity, [subjectKey]), family: IDENTITY_FAMILY, id: subjectKey };
}

/** Key of the personal data in the registrar's private collection. */
export function personalDataKey(stub: KeyStub, subjectKey: string): string {
  return stub.createCompositeKey(IDENTITY_KEYS.personalData, [subjectKey]);
}

/**
 * Key of the staging receipt in the registrar's collection. Its value is canonical JSON of
 * {fingerprints, stagedTxId, subjectKey}, so any endorser can check Register's input against the
 * on-chain private data hash without reading private data (a private read would confine endorsement
 * to the collection's single member org).
 */
export function stagingReceiptKey(stub: KeyStub, subjectKey: string): string {
  return stub.createCompositeKey(IDENTITY_KEYS.stagingReceipt, [subjectKey]);
}

/** The staging receipt whose hash Register compares with its input. */
export function stagingReceipt(r: { subjectKey: string; fingerprints: StagedPersonalData['fingerprints']; stagedTxId: string }): object {
  return { fingerprints: r.fingerprints, stagedTxId: r.stagedTxId, subjectKey: r.subjectKey };
}
