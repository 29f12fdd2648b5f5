/** Identity schemas: inputs, stored records and answers. No Fabric imports: the API exports them. */
import { z } from 'zod';
import { amendmentSchema, isoDateSchema, sha256HexSchema, subjectKeySchema, textSchema, txIdSchema, versioned } from '../core/schema';
import { birthDateOf, residentIdProblem } from './resident-id';

/** Resident ID number (GB 11643-1999, check character included); a lower-case x is accepted and upper-cased. */
export const residentIdSchema = z.string().trim().transform((s) => s.toUpperCase()).superRefine((s, ctx) => {
  const problem = residentIdProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Names are compared after trimming and Unicode NFC normalisation. */
export const personNameSchema = textSchema(100).transform((s) => s.normalize('NFC'));

/** Transient `personalData` of Identity:StagePersonalData. */
export const personalDataSchema = z.object({
  idNumber: residentIdSchema,
  name: personNameSchema,
  birthDate: isoDateSchema,
  address: textSchema(300).transform((s) => s.normalize('NFC')),
}).strict().refine((p) => p.birthDate === birthDateOf(p.idNumber), { message: 'birthDate does not match the ID number', path: ['birthDate'] });
export type PersonalData = z.infer<typeof personalDataSchema>;

/** The personal-data fields, also the field names a catalogue entry of the identity dataset may list. */
export const PERSONAL_FIELDS = ['address', 'birthDate', 'idNumber', 'name'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** Salted fingerprints of each personal-data field (HMAC-SHA256 hex). */
export const fingerprintsSchema = z.object({
  address: sha256HexSchema, birthDate: sha256HexSchema, idNumber: sha256HexSchema, name: sha256HexSchema,
}).strict();
export type Fingerprints = z.infer<typeof fingerprintsSchema>;

/**
 * Identity:Register input: exactly what StagePersonalData returned. stagedTxId is needed because the
 * fingerprint salts derive from it and endorsers outside the registrar's collection cannot read it.
 */
export const registerSchema = z.object({ subjectKey: subjectKeySchema, fingerprints: fingerprintsSchema, stagedTxId: txIdSchema }).strict();
export type RegisterInput = z.infer<typeof registerSchema>;

/** Identity:Suspend / Revoke / Reinstate / Erase input. */
export const statusChangeSchema = amendmentSchema.extend({ subjectKey: subjectKeySchema }).strict();

/** Transient `personalData` of Identity:SubjectKey. */
export const subjectKeyLookupSchema = z.object({ idNumber: residentIdSchema }).strict();

/** Transient `personalData` of Identity:Verify. */
export const verifySchema = z.object({ idNumber: residentIdSchema, name: personNameSchema }).strict();

/** Lifecycle of an identity. */
export const IDENTITY_STATUSES = ['active', 'suspended', 'revoked', 'erased'] as const;

/** The public identity record: no personal data, only the subject key, status, issuer and fingerprints. */
export const identityRecordSchema = z.strictObject({
  subjectKey: z.string(),
  status: z.enum(IDENTITY_STATUSES),
  issuerMsp: z.string(),
  fingerprints: fingerprintsSchema,
  /** Tx id of the staging transaction: with the secret it re-derives the salts (Verify). */
  stagedTxId: z.string(),
});
export const identityVersionSchema = versioned(identityRecordSchema);

/** Identity:StagePersonalData's answer: what Identity:Register takes (no personal data: it lands in the block). */
export const stagedSchema = z.strictObject({ subjectKey: z.string(), fingerprints: fingerprintsSchema, stagedTxId: z.string() });

/** Identity:Verify's answer: unknown, inactive and mismatching look the same. */
export const verifyResultSchema = z.strictObject({ match: z.boolean() });
/** Identity:SubjectKey's answer. */
export const subjectKeyResultSchema = z.strictObject({ subjectKey: z.string() });

/** Identity:ReadPersonalData's answer: only the fields the cited access entry recorded. */
export const personalDataReadSchema = z.strictObject({
  accessId: z.string(),
  subjectKey: z.string(),
  dataset: z.string(),
  fields: z.partialRecord(z.enum(PERSONAL_FIELDS), z.string()),
});
