import { isErrorKey } from '@govchain/chaincode/errors';
import type { GovChainErrorKey } from '@govchain/client';
import type { ReceiptErrorKey } from '@govchain/verifier';
import type { TicketProblem } from '../signing/ticket';

/** An error answered by the gateway (or a failure to reach it), with the API's stable key. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly key: ConsoleErrorKey,
    message: string,
    readonly details?: unknown,
    readonly txId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Keys the console raises itself, never answered by the gateway (whose keys are the API's closed table,
 * docs/errors.md); gateway/src/errors/error-keys.test.ts accepts exactly these besides the table's.
 */
export const CONSOLE_ERROR_KEYS = ['NETWORK_ERROR', 'TRUST_INVALID'] as const;

/**
 * Every key an {@link ApiError} can carry: the API's closed table and the client's (GovChainErrorKey), the in-browser
 * verifier's, the ticket check's and the console's own. Nothing else: an unknown key from a gateway is
 * UNEXPECTED_RESPONSE ({@link apiErrorFromBody}).
 */
export type ConsoleErrorKey = GovChainErrorKey | ReceiptErrorKey | TicketProblem | (typeof CONSOLE_ERROR_KEYS)[number];

/** The key the console uses when the gateway could not be reached at all. */
export const NETWORK_ERROR = 'NETWORK_ERROR';

/** Reads the gateway's error body `{"error":{code,key,message,txId,details}}`, tolerating anything else. */
export async function errorOf(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  return apiErrorFromBody(res.status, body, res.statusText);
}

/**
 * The {@link ApiError} of an already-parsed error body. A key outside the API's table (a gateway of another
 * version, or a body that is not GovChain's) is never shown as if it were one: it becomes UNEXPECTED_RESPONSE with
 * the key it sent in `details.key`; a body without a key is INTERNAL (5xx) or INVALID_ARGUMENT.
 */
export function apiErrorFromBody(status: number, body: unknown, statusText = ''): ApiError {
  const e = (body as { error?: { key?: unknown; message?: unknown; details?: unknown; txId?: unknown } } | undefined)?.error;
  const message = e && typeof e.message === 'string' ? e.message : statusText || `HTTP ${status}`;
  const txId = e && typeof e.txId === 'string' ? e.txId : undefined;
  if (e && isErrorKey(e.key)) return new ApiError(status, e.key, message, e.details, txId);
  if (e && typeof e.key === 'string') return new ApiError(status, 'UNEXPECTED_RESPONSE', message, { key: e.key, details: e.details }, txId);
  return new ApiError(status, status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT', statusText || `HTTP ${status}`);
}
