/** Audit input schemas. No Fabric imports: the gateway reuses them. */
import { z } from 'zod';
import { bookmarkSchema, isoDateTimeSchema, mspIdSchema, pageSizeSchema, recordIdSchema, subjectKeySchema, textSchema } from '../core/schema';
import { datasetIdSchema, fieldNameSchema, purposeSchema } from '../governance/schema';

/** A case id (the accessing department's file number). */
export const caseIdSchema = z.string().regex(/^[A-Za-z0-9._:/-]{1,128}$/, 'caseId must be 1-128 of [A-Za-z0-9._:/-]');

/** The access id is the tx id of Audit:RequestAccess (also of Audit:RecordLookup, and order ids of sealing orders). */
export const accessIdSchema = z.string().regex(/^[A-Za-z0-9]{1,128}$/, 'invalid access id');
/** A sealing order id: the tx id of Audit:IssueSealingOrder. */
export const sealingOrderIdSchema = accessIdSchema;

/**
 * Audit:RequestAccess input (Estonian Data Tracker fields; who/when come from the certificate and tx). There is
 * no way to seal one's own access: an access is withheld from the citizen only by citing a sealing order that
 * an investigator issued for this subject, case and org.
 */
export const requestAccessSchema = z.object({
  subjectKey: subjectKeySchema,
  dataset: datasetIdSchema,
  fields: z.array(fieldNameSchema).min(1).max(64).refine((a) => new Set(a).size === a.length, 'fields must be unique'),
  purpose: purposeSchema,
  legalBasis: textSchema(300),
  caseId: caseIdSchema,
  sealingOrderId: sealingOrderIdSchema.optional(),
}).strict();
export type RequestAccessInput = z.infer<typeof requestAccessSchema>;

/** Most entries one Audit:ImportEntries transaction may carry (keeps a transaction well under the block byte limits). */
export const IMPORT_MAX_ENTRIES = 500;

/** One access from a department's pre-GovChain access log: who (an operator of the importing org), when, why. */
export const importedEntrySchema = requestAccessSchema.omit({ sealingOrderId: true }).extend({
  accessorOperatorId: z.string().regex(/^[A-Za-z0-9._@-]{1,128}$/, 'accessorOperatorId must be 1-128 of [A-Za-z0-9._@-]'),
  role: z.enum(['registrar', 'clerk']),
  at: isoDateTimeSchema,
}).strict();

/** Audit:ImportEntries input: one batch of a legacy access log, named so it can be imported once only. */
export const importEntriesSchema = z.object({
  batchId: recordIdSchema,
  source: textSchema(200),
  legalAuthority: textSchema(300),
  entries: z.array(importedEntrySchema).min(1).max(IMPORT_MAX_ENTRIES),
}).strict();
export type ImportEntriesInput = z.infer<typeof importEntriesSchema>;

/** The kinds of identity lookup, each audited before it is answered. */
export const LOOKUP_KINDS = ['verify', 'subject-key'] as const;

/**
 * Audit:RecordLookup input: which lookup, why and under which legal basis. The claim itself (ID number, and name
 * for a verify) travels only in the transient map under `personalData`.
 */
export const recordLookupSchema = z.object({
  lookup: z.enum(LOOKUP_KINDS),
  purpose: purposeSchema,
  legalBasis: textSchema(300),
  caseId: caseIdSchema,
}).strict();
export type RecordLookupInput = z.infer<typeof recordLookupSchema>;

/** Audit:IssueSealingOrder input. */
export const issueSealingOrderSchema = z.object({
  subjectKey: subjectKeySchema,
  caseId: caseIdSchema,
  /** The org whose accesses for this case may cite the order. */
  accessorMsp: mspIdSchema,
  legalAuthority: textSchema(200),
  reason: textSchema(500),
  /** At most one year after the transaction time. */
  endsAt: isoDateTimeSchema,
  /** Extends a running order of the same org, subject, case and accessor org. */
  extendsOrderId: sealingOrderIdSchema.optional(),
}).strict();
export type IssueSealingOrderInput = z.infer<typeof issueSealingOrderSchema>;

/** Audit:EndSealingOrder input: the issuer ends its order early. */
export const endSealingOrderSchema = z.object({ orderId: sealingOrderIdSchema, reason: textSchema(500) }).strict();

/** Whose view of a subject's entries: the citizen's hides entries still sealed. */
export const subjectViewSchema = z.enum(['citizen', 'auditor']);

export { bookmarkSchema, isoDateTimeSchema, mspIdSchema, pageSizeSchema };
