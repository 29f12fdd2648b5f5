/**
 * Input schemas of the Copyright contract. No Fabric imports: the gateway reuses these for request
 * validation and OpenAPI. Only the SHA-256 of a work is accepted; the file never reaches the chain.
 */
import { z } from 'zod';
import { amendmentSchema, isoDateSchema, recordIdSchema, sha256HexSchema, subjectKeySchema, textSchema } from '../core/schema';
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
export const depositSchema = z.object({
  /** SHA-256 (lower-case hex) of the work's bytes, computed by the depositor's client. */
  contentHash: sha256HexSchema,
  title: textSchema(300),
  authors: subjectKeySetSchema(50),
  workType: z.enum(WORK_TYPES),
  /** Null or absent for an unpublished work; never later than the deposit date. */
  firstPublicationDate: isoDateSchema.nullable().optional(),
  /** Initial rights holders; the authors (as persons) when absent. */
  holders: holderSetSchema.optional(),
}).extend(amendmentSchema.shape).strict();
export type DepositInput = z.infer<typeof depositSchema>;

/** Deposit ids are derived on chain (`CR-<tx id prefix>`); child ids append `:T<n>` / `:L<n>`. */
export const depositIdSchema = recordIdSchema;

/** RecordTransfer input: an assignment of the economic rights to new holders. */
export const copyrightTransferSchema = z.object({
  depositId: depositIdSchema,
  toHolders: holderSetSchema,
  contractHash: sha256HexSchema,
  effectiveDate: isoDateSchema,
}).extend(amendmentSchema.shape).strict();
export type CopyrightTransferInput = z.infer<typeof copyrightTransferSchema>;

const licenceTermsShape = {
  scope: textSchema(300),
  territory: textSchema(100),
  startDate: isoDateSchema,
  /** Null for a licence without fixed end. */
  endDate: isoDateSchema.nullable(),
};

/** RecordLicence input. */
export const licenceSchema = z.object({
  depositId: depositIdSchema,
  licensee: holderSchema,
  exclusive: z.boolean(),
  ...licenceTermsShape,
  contractHash: sha256HexSchema,
}).extend(amendmentSchema.shape).strict()
  .refine((l) => l.endDate === null || l.endDate >= l.startDate, { message: 'endDate must not precede startDate', path: ['endDate'] });
export type LicenceInput = z.infer<typeof licenceSchema>;

/** AmendLicence input: changed terms (checked against the stored dates on chain). */
export const amendLicenceSchema = z.object({
  licenceId: recordIdSchema,
  changes: z.object({
    scope: licenceTermsShape.scope.optional(),
    territory: licenceTermsShape.territory.optional(),
    endDate: licenceTermsShape.endDate.optional(),
  }).strict().refine((c) => Object.values(c).some((v) => v !== undefined), 'changes must name at least one field'),
}).extend(amendmentSchema.shape).strict();
export type AmendLicenceInput = z.infer<typeof amendLicenceSchema>;

/** TerminateLicence input. */
export const terminateLicenceSchema = z.object({ licenceId: recordIdSchema }).extend(amendmentSchema.shape).strict();

/** Record kinds whose history the History transaction returns. */
export const copyrightRecordKindSchema = z.enum(['deposit', 'transfer', 'licence']);
export type CopyrightRecordKind = z.infer<typeof copyrightRecordKindSchema>;
