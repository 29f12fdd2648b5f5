import type { ChaincodeStub } from 'fabric-shim';
import type { RecordRef, Versioned } from '../core/versioned';
import type { ENCUMBRANCE_KINDS, LAND_USES, PropertyRecordKind } from './schema';

/** Family name used in events, errors and record refs. */
export const PROPERTY_FAMILY = 'property';

/** Composite-key object types of the property family. */
export const PROPERTY_KEYS = {
  title: 'property~title',
  transfer: 'property~transfer',
  encumbrance: 'property~encumbrance',
  /** Index: owner subject key -> parcel number, for "titles of a citizen" pages. */
  titleByOwner: 'property~owner~title',
  /** Index: parcel number -> transfer id. */
  transferByParcel: 'property~parcel~transfer',
  /** Index: parcel number -> encumbrance id. */
  encumbranceByParcel: 'property~parcel~encumbrance',
} as const;

/** A registered title. Owners are citizens named only by subject key. */
export interface TitleData {
  parcelNumber: string;
  /** Current owners, sorted so equal sets have equal bytes. */
  owners: string[];
  areaSqm: number;
  use: (typeof LAND_USES)[number];
  documentHash: string;
  /** The open transfer, if any; a title has at most one, so approvals cannot race. */
  pendingTransferId: string | null;
  /**
   * Active encumbrances, sorted by id: each needs its lender's consent before a transfer completes, and
   * a lender that is an org on the channel is part of the key-level policy while its entry is here.
   */
  activeEncumbrances: ActiveEncumbrance[];
  /** Counters for deterministic child ids (`:T<n>`, `:E<n>`). */
  transferCount: number;
  encumbranceCount: number;
}

/** An active encumbrance as the title lists it. */
export interface ActiveEncumbrance {
  encumbranceId: string;
  lenderMsp: string | null;
}

/** Status of a transfer. */
export type TransferStatus = 'proposed' | 'completed' | 'cancelled';

/** A party's consent, as recorded by an operator who saw the signed document. */
export interface PartyApproval {
  subjectKey: string;
  /** Seller, buyer, or both (a co-owner who stays an owner). */
  roles: Array<'seller' | 'buyer'>;
  evidenceHash: string;
  recordedBy: string;
  recordedAt: string;
  txId: string;
}

/** A lender's consent for one of its encumbrances. */
export interface LenderConsent {
  encumbranceId: string;
  evidenceHash: string;
  recordedBy: string;
  recordedAt: string;
  txId: string;
}

/** A transfer of a title, from proposal to completion or cancellation. */
export interface TransferData {
  transferId: string;
  parcelNumber: string;
  /** The owners when the transfer was proposed; the title is locked while it is pending. */
  sellers: string[];
  buyers: string[];
  contractHash: string;
  status: TransferStatus;
  /** Sorted by subject key. */
  approvals: PartyApproval[];
  /** Sorted by encumbrance id. */
  lenderConsents: LenderConsent[];
}

/** An encumbrance (mortgage, lien, seizure) on a title. */
export interface EncumbranceData {
  encumbranceId: string;
  parcelNumber: string;
  kind: (typeof ENCUMBRANCE_KINDS)[number];
  /** The lender's unified social credit code. */
  lenderCode: string;
  /** The lender's MSP when it is an org on the channel, else null (the registrar acts for it). */
  lenderMsp: string | null;
  instrumentHash: string;
  status: 'active' | 'released';
  releaseEvidenceHash: string | null;
}

/** Stored forms: the data plus version metadata. */
export type TitleRecord = Versioned<TitleData>;
export type TransferRecord = Versioned<TransferData>;
export type EncumbranceRecord = Versioned<EncumbranceData>;

/** Record ref of a title. */
export function titleRef(stub: Pick<ChaincodeStub, 'createCompositeKey'>, parcelNumber: string): RecordRef {
  return { key: stub.createCompositeKey(PROPERTY_KEYS.title, [parcelNumber]), family: PROPERTY_FAMILY, id: parcelNumber };
}

/** Record ref of a transfer. */
export function transferRef(stub: Pick<ChaincodeStub, 'createCompositeKey'>, transferId: string): RecordRef {
  return { key: stub.createCompositeKey(PROPERTY_KEYS.transfer, [transferId]), family: PROPERTY_FAMILY, id: transferId };
}

/** Record ref of an encumbrance. */
export function encumbranceRef(stub: Pick<ChaincodeStub, 'createCompositeKey'>, encumbranceId: string): RecordRef {
  return { key: stub.createCompositeKey(PROPERTY_KEYS.encumbrance, [encumbranceId]), family: PROPERTY_FAMILY, id: encumbranceId };
}

/** Record ref of any property record kind (for the History transaction). */
export function propertyRef(stub: Pick<ChaincodeStub, 'createCompositeKey'>, kind: PropertyRecordKind, id: string): RecordRef {
  if (kind === 'title') return titleRef(stub, id);
  return kind === 'transfer' ? transferRef(stub, id) : encumbranceRef(stub, id);
}

/** Id of the n-th transfer of a parcel; derived, so every endorser computes the same id. */
export const transferIdOf = (parcelNumber: string, n: number): string => `${parcelNumber}:T${n}`;
/** Id of the n-th encumbrance of a parcel. */
export const encumbranceIdOf = (parcelNumber: string, n: number): string => `${parcelNumber}:E${n}`;

/** Ids of a title's active encumbrances. */
export const activeEncumbranceIds = (title: Pick<TitleData, 'activeEncumbrances'>): string[] =>
  title.activeEncumbrances.map((e) => e.encumbranceId);

/** Lender orgs on the channel with an active encumbrance on the title, sorted and distinct. */
export const lenderMspsOf = (title: Pick<TitleData, 'activeEncumbrances'>): string[] =>
  [...new Set(title.activeEncumbrances.flatMap((e) => (e.lenderMsp ? [e.lenderMsp] : [])))].sort();
