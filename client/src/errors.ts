import { isErrorKey, type ErrorKey } from '@govchain/chaincode/errors';

/**
 * Keys the client itself raises (the gateway's keys, such as RECORD_NOT_FOUND or SIGNATURE_INVALID, pass through
 * unchanged from its error body; they are the API's closed table, docs/errors.md):
 * - SIGNING_REQUEST_INVALID: the gateway asked for a signature over something other than what was requested (nothing was signed);
 * - SIGNING_DECLINED: the application's onSign hook declined a signature (nothing was signed);
 * - ENROLMENT_KEY_MISMATCH: the enrolled certificate's public key is not this client's key;
 * - NETWORK_ERROR: no answer from the gateway (connection refused, reset or timed out);
 * - UNEXPECTED_RESPONSE: the gateway's answer was not the documented JSON.
 * gateway/src/errors/error-keys.test.ts accepts exactly these besides the API's keys.
 */
export const CLIENT_ERROR_KEYS = ['SIGNING_REQUEST_INVALID', 'SIGNING_DECLINED', 'ENROLMENT_KEY_MISMATCH', 'NETWORK_ERROR', 'UNEXPECTED_RESPONSE'] as const;
/** A key the client raises itself. */
export type ClientErrorKey = (typeof CLIENT_ERROR_KEYS)[number];
/**
 * Every key a GovChainError can carry: the API's closed table (answered by the gateway) or the client's own.
 * The table comes from `@govchain/chaincode/errors`, a module without dependencies, so the browser bundle stays small.
 */
export type GovChainErrorKey = ErrorKey | ClientErrorKey;

/** An error with the gateway's (or the client's) stable key, HTTP status, details and transaction id. */
export class GovChainError extends Error {
  constructor(
    readonly status: number,
    readonly key: GovChainErrorKey,
    message: string,
    readonly details?: unknown,
    readonly txId?: string,
  ) {
    super(message);
    this.name = 'GovChainError';
  }
}

/**
 * Reads the gateway's error body `{"error":{code,key,message,txId,details}}` into a GovChainError. A key outside the
 * API's table (a gateway of another version) is UNEXPECTED_RESPONSE, with the key it sent in `details.key`.
 */
export function errorFromBody(status: number, body: unknown): GovChainError {
  const e = (body as { error?: { key?: unknown; message?: unknown; details?: unknown; txId?: unknown } } | undefined)?.error;
  if (!e || typeof e.key !== 'string') return new GovChainError(status, 'UNEXPECTED_RESPONSE', `HTTP ${status} without a GovChain error body`);
  if (!isErrorKey(e.key)) return new GovChainError(status, 'UNEXPECTED_RESPONSE', `HTTP ${status} with an error key this client does not know: ${e.key}`, { key: e.key, details: e.details });
  return new GovChainError(status, e.key, typeof e.message === 'string' ? e.message : e.key, e.details, typeof e.txId === 'string' ? e.txId : undefined);
}
