/** An error answered by the gateway (or a failure to reach it), with the API's stable key. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly key: string,
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
  const e = (body as { error?: { key?: unknown; message?: unknown; details?: unknown; txId?: unknown } } | undefined)?.error;
  if (e && typeof e.key === 'string') {
    return new ApiError(res.status, e.key, typeof e.message === 'string' ? e.message : res.statusText, e.details, typeof e.txId === 'string' ? e.txId : undefined);
  }
  return new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT', res.statusText || `HTTP ${res.status}`);
}
