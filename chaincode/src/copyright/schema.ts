/**
 * Schemas of the Copyright contract: inputs, stored records, answers. No Fabric imports: the API exports them.
 * Only the SHA-256 of a work is accepted; the file never reaches the chain.
 */
import { z } from 'zod';
import { amendedInput, changesSchema, isoDateSchema, recordIdSchema, sha256HexSchema, subjectKeySchema, textSchema, versioned } from '../core/schema';
import { usccSchema } from '../business/schema';
import { subjectKeySetSchema } from '../property/schema';

/** Work categories (Copyright Law of the PRC, art. 3, condensed). */
export const WORK_TYPES = [
  'literary', 'oral', 'music', 'drama', 'choreography', 'fine_art', 'architecture', 'photograph',
  'audiovisual', 'drawing', 'model', 'software', 'other',
] as const;

/** A rights holder: a citizen by subject key, or an organisation by unified social credit code. */
export const holderSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), subjectKey: subjectKeySchema }).strict(),
  z.object({ kind: z.literal('organisation'), code: usccSchema }).strict(),
]);
export type Holder = z.infer<typeof holderSchema>;

/** Distinct holders; the same party twice is refused because it usually means a data-entry mix-up. */
export const holderSetSchema = z.array(holderSchema).min(1).max(50)
  .refine((hs) => new Set(hs.map((h) => (h.kind === 'person' ? `p:${h.subjectKey}` : `o:${h.code}`))).size === hs.length, 'holders must be distinct');

/** Deposit input. */
export const depositSchema = amendedInput({
  /** SHA-256 (lower-case hex) of the work's bytes, computed by the depositor's client. */
  contentHash: sha256HexSchema,
  title: textSchema(300),
  authors: subjectKeySetSchema(50),
  workType: z.enum(WORK_TYPES),
  /** Null or absent for an unpublished work; never later than the deposit date. */
  firstPublicationDate: isoDateSchema.nullable().optional(),
  /** Initial rights holders; the authors (as persons) when absent. */
  holders: holderSetSchema.optional(),
});
export type DepositInput = z.infer<typeof depositSchema>;

/** Deposit ids are derived on chain (`CR-<tx id prefix>`); child ids append `:T<n>` / `:L<n>`. */
export const depositIdSchema = recordIdSchema;

/** RecordTransfer input: an assignment of the economic rights to new holders. */
export const copyrightTransferSchema = amendedInput({
  depositId: depositIdSchema,
  toHolders: holderSetSchema,
  contractHash: sha256HexSchema,
  effectiveDate: isoDateSchema,
});
export type CopyrightTransferInput = z.infer<typeof copyrightTransferSchema>;

const licenceTermsShape = {
  scope: textSchema(300),
  territory: textSchema(100),
  startDate: isoDateSchema,
  /** Null for a licence without fixed end. */
  endDate: isoDateSchema.nullable(),
};

/** RecordLicence input. */
export const licenceSchema = amendedInput({
  depositId: depositIdSchema,
  licensee: holderSchema,
  exclusive: z.boolean(),
  ...licenceTermsShape,
  contractHash: sha256HexSchema,
}).refine((l) => l.endDate === null || l.endDate >= l.startDate, { message: 'endDate must not precede startDate', path: ['endDate'] });
export type LicenceInput = z.infer<typeof licenceSchema>;

/** AmendLicence input: changed terms (checked against the stored dates on chain). */
export const amendLicenceSchema = amendedInput({
  licenceId: recordIdSchema,
  changes: changesSchema({
    scope: licenceTermsShape.scope.optional(),
    territory: licenceTermsShape.territory.optional(),
    endDate: licenceTermsShape.endDate.optional(),
  }),
});
export type AmendLicenceInput = z.infer<typeof amendLicenceSchema>;

/** TerminateLicence input. */
export const terminateLicenceSchema = amendedInput({ licenceId: recordIdSchema });

/** Record kinds whose history the History transaction returns. */
export const copyrightRecordKindSchema = z.enum(['deposit', 'transfer', 'licence']);
export type CopyrightRecordKind = z.infer<typeof copyrightRecordKindSchema>;

/**
 * The evidence certificate data known inside chaincode. The block number is not knowable while the
 * transaction is endorsed; the gateway adds it from the committed block (see docs/chaincode-api.md).
 */
export const evidenceCertificateSchema = z.strictObject({
  depositId: z.string(),
  contentHash: z.string(),
  txId: z.string(),
  /** Transaction timestamp, ISO-8601 UTC. */
  timestamp: z.string(),
  depositorMsp: z.string(),
  operatorId: z.string(),
});

/** The terms that decide licence conflicts; a deposit keeps these for its active licences. */
export const licenceTermsSchema = z.strictObject({
  licenceId: z.string(),
  exclusive: z.boolean(),
  territory: z.string(),
  startDate: z.string(),
  /** Null: open-ended. */
  endDate: z.string().nullable(),
});

/** A deposited work: hash, descriptive data, current holders and the certificate of the deposit. */
export const depositDataSchema = z.strictObject({
  depositId: z.string(),
  contentHash: z.string(),
  title: z.string(),
  authors: z.array(z.string()),
  workType: z.enum(WORK_TYPES),
  firstPublicationDate: z.string().nullable(),
  /** Current holders of the economic rights, sorted canonically. */
  holders: z.array(holderSchema),
  certificate: evidenceCertificateSchema,
  /** Terms of the active licences, sorted by id: exclusivity is checked against these without a scan. */
  activeLicences: z.array(licenceTermsSchema),
  transferCount: z.number().int(),
  licenceCount: z.number().int(),
});

/** An assignment of rights from the previous holders to new ones. */
export const copyrightTransferDataSchema = z.strictObject({
  transferId: z.string(),
  depositId: z.string(),
  fromHolders: z.array(holderSchema),
  toHolders: z.array(holderSchema),
  contractHash: z.string(),
  effectiveDate: z.string(),
});

/** A licence granted on a deposited work. */
export const licenceDataSchema = z.strictObject({
  licenceId: z.string(),
  depositId: z.string(),
  licensee: holderSchema,
  exclusive: z.boolean(),
  scope: z.string(),
  territory: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  contractHash: z.string(),
  status: z.enum(['active', 'terminated']),
});

/** Stored versions. */
export const depositVersionSchema = versioned(depositDataSchema);
export const copyrightTransferVersionSchema = versioned(copyrightTransferDataSchema);
export const licenceVersionSchema = versioned(licenceDataSchema);
/** Any copyright record (Copyright:GetRecord, Copyright:History). */
export const copyrightVersionSchema = z.union([depositVersionSchema, copyrightTransferVersionSchema, licenceVersionSchema]);

/** Copyright:RecordTransfer's answer: the new deposit version and the transfer. */
export const rightsTransferResultSchema = z.strictObject({ deposit: depositVersionSchema, transfer: copyrightTransferVersionSchema });

/** Copyright:Verify's answer: the deposit of a hash and its evidence certificate. */
export const verifyWorkResultSchema = z.strictObject({ matches: z.literal(true), deposit: depositVersionSchema, certificate: evidenceCertificateSchema });

/** How a person relates to a deposit now (the person index keeps former holders). */
export const personRelationSchema = z.enum(['author', 'holder', 'former-holder']);
export type PersonRelation = z.infer<typeof personRelationSchema>;
/** Copyright:ListByPerson answer: the works a person authored, holds or held, with the relation. */
export const personWorkSchema = z.object({ deposit: depositVersionSchema, relations: z.array(personRelationSchema) });
