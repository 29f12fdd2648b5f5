/**
 * Input schemas of the auditor's insight queries (search, leak tracing, activity). No Fabric imports: the gateway
 * reuses them for validation and OpenAPI.
 */
import { z } from 'zod';
import { isoDateTimeSchema, mspIdSchema, recordIdSchema, subjectKeySchema } from '../core/schema';

/** An operator id as the audit entry records it (enrolled ids, and the wider alphabet of imported legacy ids). */
export const entryOperatorIdSchema = z.string().regex(/^[A-Za-z0-9._@-]{1,128}$/, 'operator must be 1-128 of [A-Za-z0-9._@-]');
/** A case id as Audit:RequestAccess accepts it. */
export const caseIdSchema = z.string().regex(/^[A-Za-z0-9._:/-]{1,128}$/, 'caseId must be 1-128 of [A-Za-z0-9._:/-]');
/** An opaque bookmark of the insight queries: base64url of a ledger key the query issued. */
export const insightBookmarkSchema = z.string().regex(/^[A-Za-z0-9._-]{0,1400}$/, 'bookmark must be one this query returned');

const window = { from: isoDateTimeSchema.optional(), to: isoDateTimeSchema.optional() };
const ordered = (w: { from?: string | undefined; to?: string | undefined }) => !w.from || !w.to || Date.parse(w.from) < Date.parse(w.to);

/** The fields of an Audit:Search filter (each optional). */
export const auditSearchShape = {
  subject: subjectKeySchema.optional(),
  org: mspIdSchema.optional(),
  operator: entryOperatorIdSchema.optional(),
  dataset: recordIdSchema.optional(),
  caseId: caseIdSchema.optional(),
  ...window,
};

/** Audit:Search filter: any combination; the most selective index is used and the rest is filtered. */
export const auditSearchSchema = z.object(auditSearchShape).strict().refine(ordered, { message: 'from must be before to', path: ['from'] });
export type AuditSearchInput = z.infer<typeof auditSearchSchema>;

/** Most subjects one leak trace takes (a leaked file of more records is traced in parts). */
export const LEAK_MAX_SUBJECTS = 200;

/** Where a leak trace stopped: the index of the next subject and the bookmark inside its entries. */
export const leakCursorSchema = z.object({ subject: z.number().int().min(0).max(LEAK_MAX_SUBJECTS - 1), bookmark: insightBookmarkSchema }).strict();

/** The leaked subjects and the time window (the REST body). */
export const leakTraceRequestSchema = z.object({
  subjects: z.array(subjectKeySchema).min(1).max(LEAK_MAX_SUBJECTS).refine((a) => new Set(a).size === a.length, 'subjects must be unique'),
  ...window,
}).strict();

/** Audit:TraceSubjects input: the request plus where the previous call stopped. */
export const leakTraceSchema = leakTraceRequestSchema.extend({ cursor: leakCursorSchema.optional() }).strict()
  .refine(ordered, { message: 'from must be before to', path: ['from'] })
  .refine((t) => !t.cursor || t.cursor.subject < t.subjects.length, { message: 'cursor.subject is past the last subject', path: ['cursor'] });
export type LeakTraceInput = z.infer<typeof leakTraceSchema>;

/** Audit:Activity input: a time window (both ends required) and the bookmark of the previous page. */
export const activitySchema = z.object({ from: isoDateTimeSchema, to: isoDateTimeSchema, bookmark: insightBookmarkSchema.default('') })
  .strict().refine(ordered, { message: 'from must be before to', path: ['from'] });
export type ActivityInput = z.infer<typeof activitySchema>;
