import type { z } from 'zod';
import type { KeyStub, RecordRef } from '../core/keys';
import type { Versioned } from '../core/schema';
import type { PropertyRecordKind, encumbranceDataSchema, lenderConsentSchema, partyApprovalSchema, titleDataSchema, transferDataSchema } from './schema';

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

/** A registered title. */
export type TitleData = z.infer<typeof titleDataSchema>;
/** An active encumbrance as the title lists it. */
export type ActiveEncumbrance = TitleData['activeEncumbrances'][number];
/** Status of a transfer. */
export type TransferStatus = TransferData['status'];
/** A party's consent. */
export type PartyApproval = z.infer<typeof partyApprovalSchema>;
/** A lender's consent. */
export type LenderConsent = z.infer<typeof lenderConsentSchema>;
/** A transfer of a title. */
export type TransferData = z.infer<typeof transferDataSchema>;
/** An encumbrance on a title. */
export type EncumbranceData = z.infer<typeof encumbranceDataSchema>;

/** Stored forms: the data plus version metadata. */
export type TitleRecord = Versioned<TitleData>;
export type TransferRecord = Versioned<TransferData>;
export type EncumbranceRecord = Versioned<EncumbranceData>;

/** Record ref of a title. */
export function titleRef(stub: KeyStub, parcelNumber: string): RecordRef {
  return { key: stub.createCompositeKey(PROPERTY_KEYS.title, [parcelNumber]), family: PROPERTY_FAMILY, id: parcelNumber };
}

/** Record ref of a transfer. */
export function transferRef(stub: KeyStub, transferId: string): RecordRef {
  return { key: stub.createCompositeKey(PROPERTY_KEYS.transfer, [transferId]), family: PROPERTY_FAMILY, id: transferId };
}

/** Record ref of an encumbrance. */
export function encumbranceRef(stub: KeyStub, encumbranceId: string): RecordRef {
  return { key: stub.createCompositeKey(PROPERTY_KEYS.encumbrance, [encumbranceId]), family: PROPERTY_FAMILY, id: encumbranceId };
}

/** Record ref of any property record kind (for the History transaction). */
export function propertyRef(stub: KeyStub, kind: PropertyRecordKind, id: string): RecordRef {
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
