/** Governance schemas: inputs and stored records. No Fabric imports: the API exports them. */
import { z } from 'zod';
import { recordTypeSchema } from '../api/record-types';
import { amendmentSchema, governanceConfigSchema, isoDateTimeSchema, mspIdSchema, recordIdSchema, registrarMapSchema, textSchema, versioned } from '../core/schema';

export { registrarMapSchema };

const uniqueMembers = z.array(mspIdSchema).min(1).max(64).refine((a) => new Set(a).size === a.length, 'members must be unique');

/** Orgs whose investigators may issue sealing orders (the topology's `seals` orgs). */
const sealingOrgsSchema = z.array(mspIdSchema).max(64).refine((a) => new Set(a).size === a.length, 'sealing orgs must be unique');

/** Governance:Bootstrap input. */
export const bootstrapSchema = amendmentSchema.extend({
  governanceMsp: mspIdSchema,
  members: uniqueMembers,
  registrars: registrarMapSchema,
  sealingOrgs: sealingOrgsSchema.optional(),
}).strict().refine((b) => b.members.includes(b.governanceMsp), 'members must include governanceMsp')
  .refine((b) => Object.values(b.registrars).every((m) => m === undefined || b.members.includes(m)), 'every registrar must be a member')
  .refine((b) => (b.sealingOrgs ?? []).every((m) => b.members.includes(m)), 'every sealing org must be a member');

/** Governance:SetSealingOrgs input: the full new list of orgs whose investigators may seal. */
export const setSealingOrgsSchema = amendmentSchema.extend({ sealingOrgs: sealingOrgsSchema }).strict();
export type BootstrapInput = z.infer<typeof bootstrapSchema>;

/** Governance:SetRegistrar input. */
export const setRegistrarSchema = amendmentSchema.extend({ recordType: recordTypeSchema, mspId: mspIdSchema }).strict();

/** Governance:SetMembers input (the full new member list). */
export const setMembersSchema = amendmentSchema.extend({ members: uniqueMembers }).strict();

/** Dataset names and field names, also used as composite-key parts. */
export const datasetIdSchema = recordIdSchema;
export const fieldNameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'field names are identifiers');
/** A purpose code such as `tax-assessment`; grants are keyed by it, so it is a code, not prose. */
export const purposeSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'purpose is a lower-case code, e.g. tax-assessment');
export const SHARE_CLASSES = ['open', 'conditional', 'not_shared'] as const;
export const shareClassSchema = z.enum(SHARE_CLASSES);

/** Governance:PutDataset input: creates or amends a catalogue entry. */
export const datasetSchema = amendmentSchema.extend({
  dataset: datasetIdSchema,
  ownerMsp: mspIdSchema,
  fields: z.array(fieldNameSchema).min(1).max(64).refine((a) => new Set(a).size === a.length, 'fields must be unique'),
  shareClass: shareClassSchema,
  legalBasis: textSchema(300),
  description: textSchema(500).optional(),
}).strict();
export type DatasetInput = z.infer<typeof datasetSchema>;

/** Governance:ApproveDatasetChange input: the owner's admin consents to the pending change of an entry. */
export const approveDatasetChangeSchema = amendmentSchema.extend({ dataset: datasetIdSchema }).strict();

/** Identifies a grant: one requesting org, one dataset, one purpose. */
export const grantRefSchema = z.object({ requesterMsp: mspIdSchema, dataset: datasetIdSchema, purpose: purposeSchema }).strict();
export type GrantRef = z.infer<typeof grantRefSchema>;

/** Governance:ProposeGrant input. */
export const proposeGrantSchema = amendmentSchema.extend({
  requesterMsp: mspIdSchema,
  dataset: datasetIdSchema,
  purpose: purposeSchema,
  expiresAt: isoDateTimeSchema,
  legalBasis: textSchema(300),
}).strict();
export type ProposeGrantInput = z.infer<typeof proposeGrantSchema>;

/** Governance:ApproveGrant / RevokeGrant input. */
export const decideGrantSchema = amendmentSchema.extend(grantRefSchema.shape).strict();

/** A data catalogue entry. */
export const datasetRecordSchema = z.strictObject({
  dataset: z.string(),
  ownerMsp: z.string(),
  fields: z.array(z.string()),
  shareClass: shareClassSchema,
  legalBasis: z.string(),
  description: z.string().optional(),
});

/** A sharing grant; it takes effect only when approved (by the owner org's admin) and unexpired. */
export const grantRecordSchema = z.strictObject({
  requesterMsp: z.string(),
  dataset: z.string(),
  purpose: z.string(),
  grantId: z.string(),
  ownerMsp: z.string(),
  expiresAt: z.string(),
  legalBasis: z.string(),
  status: z.enum(['pending', 'approved', 'revoked']),
  approvedByOwner: z.string().nullable(),
  /** Tx id of the owner's approval; its anchor in the owner org's anchors collection proves it. */
  approvedTxId: z.string().nullable().optional(),
});

/** A proposed change of a catalogue entry's owner, share class or fields, waiting for the owners' approval. */
export const datasetChangeSchema = z.strictObject({
  dataset: z.string(),
  proposed: datasetRecordSchema,
  status: z.enum(['pending', 'applied']),
  proposedTxId: z.string(),
  /** The current owner and, when the owner changes, the new one. */
  requiredApprovals: z.array(z.string()),
  /** MSP -> approving admin ("operatorId@MSP"). */
  approvals: z.record(z.string(), z.string()),
});

/** Stored versions. */
export const configVersionSchema = versioned(governanceConfigSchema);
export const datasetVersionSchema = versioned(datasetRecordSchema);
export const grantVersionSchema = versioned(grantRecordSchema);
export const datasetChangeVersionSchema = versioned(datasetChangeSchema);

/** Governance:PutDataset's answer: the entry, or its pending change when the owners must consent. */
export const putDatasetResultSchema = z.union([
  datasetVersionSchema,
  z.strictObject({ status: z.literal('pending'), change: datasetChangeVersionSchema }),
]);

/** Governance:ApproveDatasetChange's answer: still pending, or applied with the amended entry. */
export const approveDatasetChangeResultSchema = z.union([
  z.strictObject({ status: z.literal('pending'), change: datasetChangeVersionSchema }),
  z.strictObject({ status: z.literal('applied'), change: datasetChangeVersionSchema, dataset: datasetVersionSchema }),
]);

/** Kinds of governance record whose history Governance:History pages. */
export const governanceHistoryKindSchema = z.enum(['config', 'dataset', 'grant']);
