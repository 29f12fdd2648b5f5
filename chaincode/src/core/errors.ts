import { canonicalStringify } from './canonical-json';

/** Error codes per stable key, as fixed in docs/conventions.md; the gateway maps keys, never prose. */
export const ERROR_CODES = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN_ROLE: 403,
  FORBIDDEN_ORG: 403,
  ACCESS_DENIED: 403,
  GRANT_REQUIRED: 403,
  RECORD_NOT_FOUND: 404,
  DUPLICATE: 409,
  IDEMPOTENCY_CONFLICT: 409,
  INVALID_STATE: 409,
  ERASED: 410,
  RULE_VIOLATION: 422,
  APPROVAL_MISSING: 422,
  CONSENT_REQUIRED: 422,
  ACCESS_EXPIRED: 422,
  CONFIG_MISSING: 503,
} as const;

/** A stable error key. */
export type ErrorKey = keyof typeof ERROR_CODES;

/** Structured, JSON-safe context for an error; never put personal data here. */
export type ErrorDetails = Record<string, unknown>;

/**
 * The only error chaincode throws on purpose. Its `message` is canonical JSON
 * `{"code","details","key","message"}` because the peer forwards only the message string to clients.
 */
export class GovChainError extends Error {
  public readonly key: ErrorKey;
  public readonly code: number;
  public readonly text: string;
  public readonly details: ErrorDetails;

  constructor(key: ErrorKey, code: number, message: string, details: ErrorDetails = {}) {
    super(canonicalStringify({ code, details, key, message }));
    this.name = 'GovChainError';
    this.key = key;
    this.code = code;
    this.text = message;
    this.details = details;
  }
}

/** Builds a GovChainError for a key with its conventional code. */
export function govError(key: ErrorKey, message: string, details: ErrorDetails = {}): GovChainError {
  return new GovChainError(key, ERROR_CODES[key], message, details);
}

/** Parses an error message produced by GovChainError, or returns undefined for any other error. */
export function parseGovChainError(message: string): { key: ErrorKey; code: number; message: string; details: ErrorDetails } | undefined {
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(message.slice(start)) as { key?: unknown; code?: unknown; message?: unknown; details?: unknown };
    if (typeof parsed.key !== 'string' || !(parsed.key in ERROR_CODES)) return undefined;
    return {
      key: parsed.key as ErrorKey,
      code: Number(parsed.code),
      message: String(parsed.message),
      details: (parsed.details ?? {}) as ErrorDetails,
    };
  } catch {
    return undefined;
  }
}
