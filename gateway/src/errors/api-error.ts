import type { ErrorKey, StatusOf } from '@govchain/chaincode';

/** Every key an error response may carry: the API's closed table (chaincode/src/api/errors.ts). */
export type { ErrorKey };

/** Body of every error response: `{"error":{"code","key","message","txId","details"}}`. */
export interface ErrorBody {
  error: {
    code: number;
    key: ErrorKey;
    message: string;
    txId?: string;
    details?: unknown;
  };
}

/**
 * The one error type the HTTP layer renders. `key` is a declared key of the API's error table (a chaincode
 * key such as RECORD_NOT_FOUND or a gateway key such as OPERATOR_NOT_ENROLLED) and `status` one of the
 * statuses the table gives it, so an undeclared key or a status that disagrees with the table does not compile.
 * `message` and `details` must never carry stack traces, peer addresses or personal data.
 */
export class ApiError<K extends ErrorKey = ErrorKey> extends Error {
  /** Server-side diagnostic (e.g. peer error text); logged for 5xx, never sent to clients. */
  internal?: string;

  constructor(
    readonly status: StatusOf<K>,
    readonly key: K,
    message: string,
    readonly details?: unknown,
    readonly txId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Returns a copy carrying the transaction id (errors raised inside Fabric calls learn it late). */
  withTxId(txId: string | undefined): ApiError<K> {
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
