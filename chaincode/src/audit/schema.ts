/** Audit input schemas. No Fabric imports: the gateway reuses them. */
import { z } from 'zod';
import { bookmarkSchema, isoDateTimeSchema, mspIdSchema, pageSizeSchema, recordIdSchema, subjectKeySchema, textSchema } from '../core/schema';
import { datasetIdSchema, fieldNameSchema, purposeSchema } from '../governance/schema';

/** Audit:RequestAccess input (Estonian Data Tracker fields; who/when come from the certificate and tx). */
export const requestAccessSchema = z.object({
  subjectKey: subjectKeySchema,
  dataset: datasetIdSchema,
  fields: z.array(fieldNameSchema).min(1).max(64).refine((a) => new Set(a).size === a.length, 'fields must be unique'),
  purpose: purposeSchema,
  legalBasis: textSchema(300),
  caseId: z.string().regex(/^[A-Za-z0-9._:/-]{1,128}$/, 'caseId must be 1-128 of [A-Za-z0-9._:/-]'),
  sealedUntil: isoDateTimeSchema.optional(),
}).strict();
export type RequestAccessInput = z.infer<typeof requestAccessSchema>;

/** Most entries one Audit:ImportEntries transaction may carry (keeps a transaction well under the block byte limits). */
export const IMPORT_MAX_ENTRIES = 500;

/** One access from a department's pre-GovChain access log: who (an operator of the importing org), when, why. */
export const importedEntrySchema = requestAccessSchema.omit({ sealedUntil: true }).extend({
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

/** The access id is the tx id of Audit:RequestAccess. */
export const accessIdSchema = z.string().regex(/^[A-Za-z0-9]{1,128}$/, 'invalid access id');

/** Whose view of a subject's entries: the citizen's hides entries still sealed. */
export const subjectViewSchema = z.enum(['citizen', 'auditor']);

export { bookmarkSchema, isoDateTimeSchema, mspIdSchema, pageSizeSchema };
