import type { ChaincodeStub } from 'fabric-shim';
import { RecordRef, Versioned, readAnchoredRecord } from '../core/versioned';
import type { Fingerprints, PersonalData } from './schema';

export type IdentityStatus = 'active' | 'suspended' | 'revoked' | 'erased';

/** The public identity record: no personal data, only the subject key, status, issuer and fingerprints. */
export interface IdentityRecord {
  subjectKey: string;
  status: IdentityStatus;
  issuerMsp: string;
  fingerprints: Fingerprints;
  /** Tx id of the staging transaction: with the secret it re-derives the salts (Verify). */
  stagedTxId: string;
}

/** What the registrar's private collection holds per subject. */
export interface StagedPersonalData {
  subjectKey: string;
  personalData: PersonalData;
  salts: Fingerprints;
  fingerprints: Fingerprints;
  stagedTxId: string;
  stagedAt: string;
}

export const FAMILY = 'identity';
const PUBLIC_TYPE = 'identity';
const PRIVATE_TYPE = 'identity.pd';
const RECEIPT_TYPE = 'identity.staged';

export function identityRef(stub: ChaincodeStub, subjectKey: string): RecordRef {
  return { key: stub.createCompositeKey(PUBLIC_TYPE, [subjectKey]), family: FAMILY, id: subjectKey };
}

/**
 * The identity record of a subject as honest code sees it: undefined when absent or not anchored by the
 * identity registrar (created by other departments with modified chaincode).
 */
export function readIdentity(stub: ChaincodeStub, subjectKey: string): Promise<Versioned<IdentityRecord> | undefined> {
  return readAnchoredRecord<Versioned<IdentityRecord>>(stub, identityRef(stub, subjectKey));
}

/** Key of the personal data in the registrar's private collection. */
export function personalDataKey(stub: ChaincodeStub, subjectKey: string): string {
  return stub.createCompositeKey(PRIVATE_TYPE, [subjectKey]);
}

/**
 * Key of the staging receipt in the registrar's collection. Its value is canonical JSON of
 * {fingerprints, stagedTxId, subjectKey}, so any endorser can check Register's input against the
 * on-chain private data hash without reading private data (a private read would confine endorsement
 * to the collection's single member org).
 */
export function stagingReceiptKey(stub: ChaincodeStub, subjectKey: string): string {
  return stub.createCompositeKey(RECEIPT_TYPE, [subjectKey]);
}

/** The staging receipt whose hash Register compares with its input. */
export function stagingReceipt(r: { subjectKey: string; fingerprints: StagedPersonalData['fingerprints']; stagedTxId: string }): object {
  return { fingerprints: r.fingerprints, stagedTxId: r.stagedTxId, subjectKey: r.subjectKey };
}
