/** Audit input schemas. No Fabric imports: the gateway reuses them. */
import { z } from 'zod';
import { bookmarkSchema, isoDateTimeSchema, mspIdSchema, pageSizeSchema, subjectKeySchema, textSchema } from '../core/schema';
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

/** The access id is the tx id of Audit:RequestAccess. */
export const accessIdSchema = z.string().regex(/^[A-Za-z0-9]{1,128}$/, 'invalid access id');

/** Whose view of a subject's entries: the citizen's hides entries still sealed. */
export const subjectViewSchema = z.enum(['citizen', 'auditor']);

export { bookmarkSchema, isoDateTimeSchema, mspIdSchema, pageSizeSchema };
