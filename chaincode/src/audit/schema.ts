/** Audit schemas: inputs, stored entries and orders, answers. No Fabric imports: the API exports them. */
import { z } from 'zod';
import { isoDateTimeSchema, mspIdSchema, pageOf, recordIdSchema, subjectKeySchema, textSchema } from '../core/schema';
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

/** Fields every audit entry has: who accessed what, when, why, under which grant. */
const entryBaseShape = {
  accessId: z.string(),
  accessorOperatorId: z.string(),
  accessorMsp: z.string(),
  role: z.string(),
  dataset: z.string(),
  /** Owner of the dataset at access time: its auditors (and the governance org's) may see the entry while sealed. */
  datasetOwnerMsp: z.string().optional(),
  fields: z.array(z.string()),
  purpose: z.string(),
  legalBasis: z.string(),
  caseId: z.string(),
  at: z.string(),
  expiresAt: z.string(),
  /** The grant relied on, or null when the owner org accessed its own dataset (and for lookups). */
  grantId: z.string().nullable(),
  /** Set on entries brought in from a legacy access log by Audit:ImportEntries (never citable for a read). */
  importBatchId: z.string().optional(),
};

/** An append-only audit entry of one personal-data access (no transaction edits or deletes one). */
export const accessEntrySchema = z.strictObject({
  ...entryBaseShape,
  /** Absent on entries written before lookups were audited. */
  kind: z.literal('access').optional(),
  subjectKey: z.string(),
  /** The sealing order this access cites; the entry is withheld from the citizen while the order runs. */
  sealingOrderId: z.string().optional(),
});

/**
 * An audit entry of an identity lookup (verify, subject key). It never holds the subject key: the lookup is
 * how the operator learns it, and the write set is visible to the client before the entry commits.
 */
export const lookupEntrySchema = z.strictObject({
  ...entryBaseShape,
  kind: z.literal('lookup'),
  lookup: z.enum(LOOKUP_KINDS),
  /** lookupRefOf(secret, subjectKey): links the entry to the subject only for holders of the secret. */
  subjectRef: z.string(),
  /** claimRefOf(secret, claim): the answer may only be given for exactly the claim that was logged. */
  claimRef: z.string(),
});

export const auditEntrySchema = z.union([accessEntrySchema, lookupEntrySchema]);

/** One Audit:ImportEntries batch: what was imported, from where, on whose authority and by whom. */
export const importBatchSchema = z.strictObject({
  batchId: z.string(), source: z.string(), legalAuthority: z.string(), importerMsp: z.string(), importedBy: z.string(),
  count: z.number().int(), firstAt: z.string(), lastAt: z.string(), txId: z.string(), at: z.string(),
});

/**
 * A sealing order: an authority (an investigator of a sealing org) withholds from the citizen, until `endsAt`
 * (at most one year after issue), the accesses that cite it. An order covers one subject, one case and the
 * accesses of one org; it never seals an access by its own issuer. Written once; ended early by an end record,
 * extended by a new order naming it.
 */
export const sealingOrderSchema = z.strictObject({
  orderId: z.string(),
  caseId: z.string(),
  subjectKey: z.string(),
  /** The org whose accesses may cite the order. */
  accessorMsp: z.string(),
  legalAuthority: z.string(),
  reason: z.string(),
  issuerMsp: z.string(),
  issuedBy: z.string(),
  issuedAt: z.string(),
  endsAt: z.string(),
  /** The order this one extends (issued while that one ran), or null. */
  extendsOrderId: z.string().nullable(),
});

/** Ends an order early (written once, by the order's issuer). */
export const sealingEndSchema = z.strictObject({ orderId: z.string(), endedAt: z.string(), endedBy: z.string(), reason: z.string(), txId: z.string() });

/** What Audit:RequestAccess and Audit:RecordLookup answer: the entry to cite, and until when. */
export const recordedAccessSchema = z.strictObject({ accessId: z.string(), expiresAt: z.string() });

/** Audit:ImportEntries' answer. */
export const importResultSchema = z.strictObject({ batchId: z.string(), count: z.number().int(), firstAccessId: z.string() });

/** Audit:GetSealingOrder's answer: the order and where its chain stands. */
export const sealingOrderStateSchema = z.strictObject({
  order: sealingOrderSchema,
  status: z.enum(['sealing', 'extended', 'released']),
  releasesAt: z.string().nullable(),
  currentOrderId: z.string(),
});

/** A page of audit entries. */
export const entryPageSchema = pageOf(auditEntrySchema);

/** The citizen's view of their entries: the page, and how many are withheld now and when each is released. */
export const citizenLogSchema = entryPageSchema.extend({
  withheld: z.strictObject({
    /** Accesses withheld now by a sealing order. */
    count: z.number().int(),
    /** When each is released (null: the order cannot be read, so the entry stays withheld). */
    releases: z.array(z.string().nullable()),
    /** False when more than 100 sealed accesses were not looked at. */
    complete: z.boolean(),
  }),
});

// The auditor's insight queries (search, leak tracing, activity); the gateway reuses them for validation and OpenAPI.
/** An operator id as the audit entry records it (enrolled ids, and the wider alphabet of imported legacy ids). */
export const entryOperatorIdSchema = z.string().regex(/^[A-Za-z0-9._@-]{1,128}$/, 'operator must be 1-128 of [A-Za-z0-9._@-]');
/** An opaque bookmark of the insight queries: base64url of a ledger key the query issued. */
export const insightBookmarkSchema = z.string().regex(/^[A-Za-z0-9._-]{0,1400}$/, 'bookmark must be one this query returned');

const windowShape = { from: isoDateTimeSchema.optional(), to: isoDateTimeSchema.optional() };
const ordered = (w: { from?: string | undefined; to?: string | undefined }) => !w.from || !w.to || Date.parse(w.from) < Date.parse(w.to);

/** The fields of an Audit:Search filter (each optional). */
export const auditSearchShape = {
  subject: subjectKeySchema.optional(),
  org: mspIdSchema.optional(),
  operator: entryOperatorIdSchema.optional(),
  dataset: recordIdSchema.optional(),
  caseId: caseIdSchema.optional(),
  ...windowShape,
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
  ...windowShape,
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

/** What a scan of the insight queries read: index entries and range-query pages. */
const costSchema = { read: z.number().int(), pages: z.number().int() };

/** Audit:Search answer: a page of entries, whether the scan reached the end, sealed entries withheld, its cost. */
export const auditSearchPageSchema = z.object({
  records: z.array(auditEntrySchema), bookmark: z.string(), complete: z.boolean(), withheld: z.number().int(),
  cost: z.object({ index: z.string(), ...costSchema }),
});

/** One operator's accesses (and lookups) of one subject inside the window. */
export const subjectAccessorSchema = z.object({
  accessorMsp: z.string(), accessorOperatorId: z.string(),
  /** Entries: accesses plus lookups. */
  count: z.number().int(),
  /** Of which lookups (verify, subject key). */
  lookups: z.number().int(),
  firstAt: z.string(), lastAt: z.string(), accessIds: z.array(z.string()),
});
export type SubjectAccessor = z.infer<typeof subjectAccessorSchema>;

/** What one call found about one subject (a subject split across calls appears in each). */
export const subjectTraceSchema = z.object({ subjectKey: z.string(), entries: z.number().int(), withheld: z.number().int(), accessors: z.array(subjectAccessorSchema) });
export type SubjectTrace = z.infer<typeof subjectTraceSchema>;

/** Audit:TraceSubjects answer: per subject what this call read, and where to continue (null: done). */
export const leakTraceResultSchema = z.object({ subjects: z.array(subjectTraceSchema), cursor: leakCursorSchema.nullable(), cost: z.object(costSchema) });

/** The projection of one entry the activity chart and anomaly flags need. */
export const activityItemSchema = z.object({
  accessId: z.string(), kind: z.enum(['access', 'lookup']), at: z.string(), accessorMsp: z.string(), accessorOperatorId: z.string(),
  /** The subject key of an access; the pseudonym (subjectRef) of a lookup, which never names the subject. */
  subject: z.string(),
  dataset: z.string(),
});
export type ActivityItem = z.infer<typeof activityItemSchema>;

/** Audit:Activity answer: one page of projections. */
export const activityPageSchema = z.object({ records: z.array(activityItemSchema), bookmark: z.string(), withheld: z.number().int(), cost: z.object(costSchema) });
