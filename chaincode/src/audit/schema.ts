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
