/**
 * Shared zod schemas. No Fabric imports here: the gateway imports this file for its own validation and
 * OpenAPI, so client and chaincode reject the same inputs.
 */
import { z } from 'zod';

/**
 * Roles carried in the `govchain.role` certificate attribute. `investigator` issues and ends sealing orders
 * (only in the orgs the governance config lists as sealing authorities) and nothing else.
 */
export const ROLES = ['registrar', 'clerk', 'auditor', 'admin', 'investigator'] as const;
/** Every role except investigator: who may read public records (least privilege: investigators only seal). */
export const RECORD_READER_ROLES = ['registrar', 'clerk', 'auditor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

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

/** Page size for every paginated query. */
export const pageSizeSchema = z.coerce.number().int().min(1).max(100);
/** Opaque bookmark returned by the previous page ('' for the first page). */
export const bookmarkSchema = z.string().max(1024);
