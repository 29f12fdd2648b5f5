import { ApiError } from '../errors/api-error';

/** Format of an Idempotency-Key: the chaincode's requestId rule (docs/conventions.md). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Validates the Idempotency-Key header of a POST. Missing -> 400 IDEMPOTENCY_KEY_REQUIRED;
 * repeated or malformed -> 400 INVALID_ARGUMENT.
 */
export function requireIdempotencyKey(header: string | string[] | undefined): string {
  if (header === undefined || header === '') {
    throw new ApiError(400, 'IDEMPOTENCY_KEY_REQUIRED', 'the Idempotency-Key header is required on every POST');
  }
  if (Array.isArray(header) || header.includes(',')) {
    throw new ApiError(400, 'INVALID_ARGUMENT', 'send exactly one Idempotency-Key header', { header: 'Idempotency-Key' });
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new ApiError(400, 'INVALID_ARGUMENT', 'Idempotency-Key must be 1-128 of [A-Za-z0-9._:-]', { header: 'Idempotency-Key' });
  }
  return header;
}

/** True when a Prefer header asks for `respond-async` (RFC 7240). */
export function prefersAsync(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((p) => p.split(';')[0]?.trim().toLowerCase() === 'respond-async');
}
