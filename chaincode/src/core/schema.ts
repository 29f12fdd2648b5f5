/**
 * Shared zod schemas of inputs and stored records. No Fabric imports: the API (chaincode/src/api) exports them,
 * so clients and chaincode refuse the same inputs and describe the same results.
 */
import { z } from 'zod';
import { RECORD_TYPES, type RecordType } from '../api/record-types';

/** Client request id: first argument of every submitted transaction. */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'requestId must be 1-128 of [A-Za-z0-9._:-]');

/** An MSP id such as PublicSecurityMSP. */
export const mspIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/, 'invalid MSP id');

/** Lower-case SHA-256 hex (also the shape of a subject key, an HMAC-SHA256). */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex characters');
export const subjectKeySchema = sha256HexSchema;

/** Identifier of a record (dataset names, ids chosen by clients). */
export const recordIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'id must be 1-128 of [A-Za-z0-9._:-]');

/** Plain calendar date YYYY-MM-DD that exists in the calendar. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}, 'not a calendar date');

/** ISO-8601 UTC timestamp as produced by Date#toISOString (the form of every time stored on chain). */
export const isoDateTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'expected ISO-8601 UTC time, e.g. 2025-01-31T00:00:00.000Z')
  .refine((s) => !Number.isNaN(new Date(s).getTime()), 'not a valid time');

/**
 * Characters refused in free text: C0/C1 controls (incl. tab and newline: these fields are single-line),
 * Unicode line/paragraph separators, bidirectional formatting (embeddings, overrides, isolates and marks, the
 * "Trojan Source" characters that make a record display differently from what it says) and lone surrogates
 * (not encodable as UTF-8, so the stored bytes would differ from the signed text).
 */
export const UNSAFE_TEXT = /[\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\p{Cs}]/u;
/** The message of a text field that holds an unsafe character. */
export const UNSAFE_TEXT_MESSAGE = 'must not contain control, line-separator or bidirectional-formatting characters';

/** Short free text such as a reason or purpose. */
export const textSchema = (max: number) =>
  z.string().trim().min(1).max(max).refine((s) => !UNSAFE_TEXT.test(s), UNSAFE_TEXT_MESSAGE);

/** Why a record changes: required on every amendment. */
export const amendmentSchema = z.object({
  reason: textSchema(500),
  legalAuthority: textSchema(200),
}).strict();
export type AmendmentInput = z.infer<typeof amendmentSchema>;

/** The input of a transaction that writes a record: its own fields, then why (`amendmentSchema`); nothing else. */
export const amendedInput = <S extends z.ZodRawShape>(shape: S) => z.object(shape).extend(amendmentSchema.shape).strict();

/** The `changes` of an amend input: the fields that change (each declared optional), at least one of them. */
export const changesSchema = <S extends z.ZodRawShape>(shape: S) =>
  z.object(shape).strict().refine((c) => Object.values(c).some((v) => v !== undefined), 'changes must name at least one field');

/** Page size for every paginated query. */
export const pageSizeSchema = z.coerce.number().int().min(1).max(100);
/** Opaque bookmark returned by the previous page ('' for the first page). */
export const bookmarkSchema = z.string().max(1024);

/** A Fabric transaction id (64 hex characters on Fabric; tests use shorter ids, so only the alphabet is fixed). */
export const txIdSchema = z.string().regex(/^[A-Za-z0-9]{1,128}$/, 'invalid tx id');

/** Amendment metadata of every version of a record: what it supersedes, why, and who approved it. */
export const versionMetaSchema = z.strictObject({
  version: z.number().int().min(1),
  /** Tx id of the version this one supersedes; null for the first version. */
  previousTxId: z.string().nullable(),
  reason: z.string(),
  legalAuthority: z.string(),
  /** "operatorId@MSP" of the signing operator: the chaincode can verify only the signer. */
  approvedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedTxId: z.string(),
});

/** Amendment metadata carried by every version of a record. */
export type VersionMeta = z.infer<typeof versionMetaSchema>;
/** A stored record: its data plus `meta`. */
export type Versioned<T> = T & { meta: VersionMeta };

/** A stored version of a record: its data plus `meta`. */
export const versioned = <S extends z.ZodObject>(data: S) => data.extend({ meta: versionMetaSchema });

/** One page of a query: the records, the bookmark of the next page ('' when done), how many were read. */
export const pageOf = <S extends z.ZodType>(record: S) => z.strictObject({ records: z.array(record), bookmark: z.string(), fetched: z.number().int().min(0) });

/** One page of a key's history, newest first: each version with the transaction that wrote it. */
export const historyPageOf = <S extends z.ZodType>(value: S) => pageOf(z.strictObject({
  txId: z.string(), timestamp: z.string(), isDelete: z.boolean(), value: value.nullable(),
}));

/** Registrar map: record type -> registrar MSP (every record type optional). */
export const registrarMapSchema = z.object(
  Object.fromEntries(RECORD_TYPES.map((t) => [t, mspIdSchema.optional()])) as { [K in RecordType]: z.ZodOptional<typeof mspIdSchema> },
).strict();

/**
 * The governance configuration written by Governance:Bootstrap. Core reads it to resolve access rules such as
 * "registrar of identity"; only the governance family writes it.
 */
export const governanceConfigSchema = z.strictObject({
  governanceMsp: z.string(),
  members: z.array(z.string()),
  registrars: z.strictObject(Object.fromEntries(RECORD_TYPES.map((t) => [t, z.string().optional()])) as { [K in RecordType]: z.ZodOptional<z.ZodString> }),
  /** Orgs whose investigators may issue sealing orders (the topology's `seals` orgs); none when absent. */
  sealingOrgs: z.array(z.string()).optional(),
});
