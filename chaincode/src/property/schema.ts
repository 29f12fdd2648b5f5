/**
 * Schemas of the Property contract: inputs, stored records, answers. No Fabric imports: the API exports them,
 * so the gateway's validation and OpenAPI and the chaincode agree.
 */
import { z } from 'zod';
import { amendedInput, changesSchema, mspIdSchema, recordIdSchema, sha256HexSchema, subjectKeySchema, versioned } from '../core/schema';
import { usccSchema } from '../business/schema';

/** Real-estate unit / parcel number: upper-case letters, digits and dashes (GB/T 37346 units are 28 chars). */
export const parcelNumberSchema = z.string().regex(/^[0-9A-Z][0-9A-Z-]{5,39}$/, 'parcel number must be 6-40 of [0-9A-Z-]');

/** Land / building use classes recorded on a title. */
export const LAND_USES = ['residential', 'commercial', 'industrial', 'agricultural', 'public', 'mixed', 'other'] as const;

/** Kinds of encumbrance a title can carry. */
export const ENCUMBRANCE_KINDS = ['mortgage', 'lien', 'seizure', 'other'] as const;

/**
 * A set of citizens named by subject key. Duplicates are refused rather than silently merged, because a
 * duplicate usually means the caller mixed up two people.
 */
export const subjectKeySetSchema = (max: number) => z.array(subjectKeySchema).min(1).max(max)
  .refine((keys) => new Set(keys).size === keys.length, 'subject keys must be distinct');

/** Area in square metres: positive, at most two decimals, below a billion. */
export const areaSchema = z.number().positive().max(1e9)
  // Binary floats cannot hold 0.01 exactly, so "two decimals" means within a rounding error of a cent.
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'at most two decimals');

/** RegisterTitle input. */
export const registerTitleSchema = amendedInput({
  parcelNumber: parcelNumberSchema,
  owners: subjectKeySetSchema(20),
  areaSqm: areaSchema,
  use: z.enum(LAND_USES),
  documentHash: sha256HexSchema,
});
export type RegisterTitleInput = z.infer<typeof registerTitleSchema>;

/** AmendTitle input: corrections of the descriptive fields; ownership changes only by transfer. */
export const amendTitleSchema = amendedInput({
  parcelNumber: parcelNumberSchema,
  changes: changesSchema({
    areaSqm: areaSchema.optional(),
    use: z.enum(LAND_USES).optional(),
    documentHash: sha256HexSchema.optional(),
  }),
});
export type AmendTitleInput = z.infer<typeof amendTitleSchema>;

/** ProposeTransfer input. */
export const proposeTransferSchema = amendedInput({
  parcelNumber: parcelNumberSchema,
  buyers: subjectKeySetSchema(20),
  /** SHA-256 of the signed sale contract; the contract itself stays off chain. */
  contractHash: sha256HexSchema,
});
export type ProposeTransferInput = z.infer<typeof proposeTransferSchema>;

/** Transfer ids are derived on chain as `<parcelNumber>:T<n>`. */
export const transferIdSchema = recordIdSchema;
/** Encumbrance ids are derived on chain as `<parcelNumber>:E<n>`. */
export const encumbranceIdSchema = recordIdSchema;

/** RecordApproval input: one seller's or buyer's signed consent, seen by the recording operator. */
export const recordApprovalSchema = amendedInput({
  transferId: transferIdSchema,
  subjectKey: subjectKeySchema,
  /** SHA-256 of the scanned, signed consent; kept off chain by the registrar. */
  evidenceHash: sha256HexSchema,
});
export type RecordApprovalInput = z.infer<typeof recordApprovalSchema>;

/** RecordLenderConsent input. */
export const recordLenderConsentSchema = amendedInput({
  transferId: transferIdSchema,
  encumbranceId: encumbranceIdSchema,
  evidenceHash: sha256HexSchema,
});
export type RecordLenderConsentInput = z.infer<typeof recordLenderConsentSchema>;

/** CompleteTransfer / CancelTransfer input. */
export const closeTransferSchema = amendedInput({ transferId: transferIdSchema });
export type CloseTransferInput = z.infer<typeof closeTransferSchema>;

/** RegisterEncumbrance input. */
export const registerEncumbranceSchema = amendedInput({
  parcelNumber: parcelNumberSchema,
  kind: z.enum(ENCUMBRANCE_KINDS),
  /** The lender's unified social credit code (a lender is an organisation, never a citizen). */
  lenderCode: usccSchema,
  /** The lender's MSP when the lender is an org on the channel; it then registers and releases itself. */
  lenderMsp: mspIdSchema.optional(),
  /** SHA-256 of the mortgage contract or court order. */
  instrumentHash: sha256HexSchema,
});
export type RegisterEncumbranceInput = z.infer<typeof registerEncumbranceSchema>;

/** ReleaseEncumbrance input. */
export const releaseEncumbranceSchema = amendedInput({
  encumbranceId: encumbranceIdSchema,
  /** SHA-256 of the release deed. */
  evidenceHash: sha256HexSchema,
});
export type ReleaseEncumbranceInput = z.infer<typeof releaseEncumbranceSchema>;

/** Record kinds whose history the History transaction returns. */
export const PROPERTY_RECORD_KINDS = ['title', 'transfer', 'encumbrance'] as const;
export const propertyRecordKindSchema = z.enum(PROPERTY_RECORD_KINDS);
export type PropertyRecordKind = z.infer<typeof propertyRecordKindSchema>;

/** An active encumbrance as the title lists it. */
export const activeEncumbranceSchema = z.strictObject({ encumbranceId: z.string(), lenderMsp: z.string().nullable() });

/** A registered title. Owners are citizens named only by subject key. */
export const titleDataSchema = z.strictObject({
  parcelNumber: z.string(),
  /** Current owners, sorted so equal sets have equal bytes. */
  owners: z.array(z.string()),
  areaSqm: z.number(),
  use: z.enum(LAND_USES),
  documentHash: z.string(),
  /** The open transfer, if any; a title has at most one, so approvals cannot race. */
  pendingTransferId: z.string().nullable(),
  /**
   * Active encumbrances, sorted by id: each needs its lender's consent before a transfer completes, and a lender
   * that is an org on the channel is part of the key-level policy while its entry is here.
   */
  activeEncumbrances: z.array(activeEncumbranceSchema),
  /** Counters for deterministic child ids (`:T<n>`, `:E<n>`). */
  transferCount: z.number().int(),
  encumbranceCount: z.number().int(),
});

/** A party's consent, as recorded by an operator who saw the signed document. */
export const partyApprovalSchema = z.strictObject({
  subjectKey: z.string(),
  /** Seller, buyer, or both (a co-owner who stays an owner). */
  roles: z.array(z.enum(['seller', 'buyer'])),
  evidenceHash: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  txId: z.string(),
});

/** A lender's consent for one of its encumbrances. */
export const lenderConsentSchema = z.strictObject({ encumbranceId: z.string(), evidenceHash: z.string(), recordedBy: z.string(), recordedAt: z.string(), txId: z.string() });

/** A transfer of a title, from proposal to completion or cancellation. */
export const transferDataSchema = z.strictObject({
  transferId: z.string(),
  parcelNumber: z.string(),
  /** The owners when the transfer was proposed; the title is locked while it is pending. */
  sellers: z.array(z.string()),
  buyers: z.array(z.string()),
  contractHash: z.string(),
  status: z.enum(['proposed', 'completed', 'cancelled']),
  /** Sorted by subject key. */
  approvals: z.array(partyApprovalSchema),
  /** Sorted by encumbrance id. */
  lenderConsents: z.array(lenderConsentSchema),
});

/** An encumbrance (mortgage, lien, seizure) on a title. */
export const encumbranceDataSchema = z.strictObject({
  encumbranceId: z.string(),
  parcelNumber: z.string(),
  kind: z.enum(ENCUMBRANCE_KINDS),
  /** The lender's unified social credit code. */
  lenderCode: z.string(),
  /** The lender's MSP when it is an org on the channel, else null (the registrar acts for it). */
  lenderMsp: z.string().nullable(),
  instrumentHash: z.string(),
  status: z.enum(['active', 'released']),
  releaseEvidenceHash: z.string().nullable(),
});

/** Stored versions. */
export const titleVersionSchema = versioned(titleDataSchema);
export const transferVersionSchema = versioned(transferDataSchema);
export const encumbranceVersionSchema = versioned(encumbranceDataSchema);
/** Any property record (Property:GetRecord, Property:History). */
export const propertyVersionSchema = z.union([titleVersionSchema, transferVersionSchema, encumbranceVersionSchema]);

/** Property:CompleteTransfer / CancelTransfer answer: the title and the closed transfer. */
export const closedTransferResultSchema = z.strictObject({ title: titleVersionSchema, transfer: transferVersionSchema });
/** Property:RegisterEncumbrance / ReleaseEncumbrance answer: the encumbrance and the title. */
export const encumbranceResultSchema = z.strictObject({ encumbrance: encumbranceVersionSchema, title: titleVersionSchema });
