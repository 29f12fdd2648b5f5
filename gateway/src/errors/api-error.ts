/** Stable machine-readable error keys the gateway itself produces (chaincode keys pass through unchanged). */
export type GatewayErrorKey =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN_ROLE'
  | 'FORBIDDEN_ORG'
  | 'FORBIDDEN_SUBJECT'
  | 'OPERATOR_NOT_ENROLLED'
  | 'IDEMPOTENCY_KEY_REQUIRED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'ROUTE_NOT_FOUND'
  | 'RATE_LIMITED'
  | 'TRANSACTION_NOT_FOUND'
  | 'TRANSACTION_INVALID'
  | 'ENDORSEMENT_FAILED'
  | 'ENDORSEMENT_POLICY_FAILURE'
  | 'READ_CONFLICT'
  | 'DUPLICATE_TXID'
  | 'ORDERER_UNAVAILABLE'
  | 'PEER_UNAVAILABLE'
  | 'FABRIC_TIMEOUT'
  | 'COMMIT_STATUS_UNKNOWN'
  | 'CHAINCODE_UNAVAILABLE'
  | 'DISCLOSURE_FAILED'
  | 'SHUTTING_DOWN'
  /** 431: the request line or headers exceed Node's limit (answered by http/client-errors.ts). */
  | 'HEADERS_TOO_LARGE'
  /** 408: the client did not send a complete request within the server's request timeout. */
  | 'REQUEST_TIMEOUT'
  /** 503: the gateway serves no console build (gateway/src/console). */
  | 'CONSOLE_NOT_BUILT'
  | 'INTERNAL';

/** Body of every error response: `{"error":{"code","key","message","txId","details"}}`. */
export interface ErrorBody {
  error: {
    code: number;
    key: string;
    message: string;
    txId?: string;
    details?: unknown;
  };
}

/**
 * The one error type the HTTP layer renders. `status` is the HTTP status, `key` a stable code
 * (a chaincode key such as RECORD_NOT_FOUND or a gateway key such as OPERATOR_NOT_ENROLLED).
 * `message` and `details` must never carry stack traces, peer addresses or personal data.
 */
export class ApiError extends Error {
  /** Server-side diagnostic (e.g. peer error text); logged for 5xx, never sent to clients. */
  internal?: string;

  constructor(
    readonly status: number,
    readonly key: GatewayErrorKey | (string & {}),
    message: string,
    readonly details?: unknown,
    readonly txId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Returns a copy carrying the transaction id (errors raised inside Fabric calls learn it late). */
  withTxId(txId: string | undefined): ApiError {
    if (txId === undefined) return this;
    const copy = new ApiError(this.status, this.key, this.message, this.details, txId);
    copy.internal = this.internal;
    return copy;
  }

  /** Renders the response body. */
  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { code: this.status, key: this.key, message: this.message };
    if (this.txId !== undefined) error.txId = this.txId;
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }
}

/** True for an ApiError (also across module copies, checked structurally). */
export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}
