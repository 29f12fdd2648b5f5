/**
 * Schemas of the Business contract: inputs, stored records, answers. No Fabric imports: the API exports them
 * for the gateway's validation and OpenAPI.
 */
import { z } from 'zod';
import { amendedInput, changesSchema, sha256HexSchema, subjectKeySchema, textSchema, versioned } from '../core/schema';
import { usccProblem } from './uscc';

const USCC_MESSAGES = {
  LENGTH: 'unified social credit code must be 18 characters',
  CHARACTERS: 'unified social credit code has characters outside GB 32100-2015 (no I, O, Z, S, V; positions 3-8 digits)',
  CHECK_CHARACTER: 'unified social credit code check character is wrong (GB 32100-2015)',
} as const;

/** A GB 32100-2015 unified social credit code, check character included. */
export const usccSchema = z.string().superRefine((code, ctx) => {
  const problem = usccProblem(code);
  if (problem) ctx.addIssue({ code: 'custom', message: USCC_MESSAGES[problem], params: { usccProblem: problem } });
});

/** Legal forms a business can be registered under. */
export const ENTITY_TYPES = [
  'limited_liability_company', 'joint_stock_company', 'sole_proprietorship', 'partnership',
  'individual_business', 'farmer_cooperative', 'branch', 'other',
] as const;

/** Registered capital as a decimal string (exact, unlike a float), with an ISO 4217 currency. */
export const registeredCapitalSchema = z.object({
  amount: z.string().regex(/^(0|[1-9]\d{0,14})(\.\d{1,2})?$/, 'amount must be a decimal with at most 2 places'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code'),
}).strict();

/** Business names are public register entries, not personal data. */
export const businessNameSchema = textSchema(200);

/** Register input. */
export const registerBusinessSchema = amendedInput({
  code: usccSchema,
  name: businessNameSchema,
  entityType: z.enum(ENTITY_TYPES),
  registeredCapital: registeredCapitalSchema,
  /** Subject key of an active identity; the person's name stays in the identity registrar's collection. */
  legalRepresentative: subjectKeySchema,
  /** Salted hash of the registered address; the address itself is never on chain. */
  addressFingerprint: sha256HexSchema,
});
export type RegisterBusinessInput = z.infer<typeof registerBusinessSchema>;

/** Amend input: the fields that change, plus why. */
export const amendBusinessSchema = amendedInput({
  code: usccSchema,
  changes: changesSchema({
    name: businessNameSchema.optional(),
    entityType: z.enum(ENTITY_TYPES).optional(),
    registeredCapital: registeredCapitalSchema.optional(),
    legalRepresentative: subjectKeySchema.optional(),
    addressFingerprint: sha256HexSchema.optional(),
  }),
});
export type AmendBusinessInput = z.infer<typeof amendBusinessSchema>;

/** Suspend / Reinstate / Deregister input. */
export const businessStatusChangeSchema = amendedInput({ code: usccSchema });
export type BusinessStatusChangeInput = z.infer<typeof businessStatusChangeSchema>;

/** Lifecycle of a registered business. */
export const BUSINESS_STATUSES = ['active', 'suspended', 'deregistered'] as const;

/** A registered business (market entity). Public register data only; the representative is a subject key. */
export const businessDataSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  entityType: z.enum(ENTITY_TYPES),
  registeredCapital: z.strictObject({ amount: z.string(), currency: z.string() }),
  legalRepresentative: z.string(),
  addressFingerprint: z.string(),
  status: z.enum(BUSINESS_STATUSES),
  registrarMsp: z.string(),
});
export const businessVersionSchema = versioned(businessDataSchema);
