/** Why a receipt could not even be read (as opposed to a check that failed). */
export type ReceiptErrorKey = 'RECEIPT_MALFORMED' | 'RECEIPT_UNSUPPORTED_FORMAT' | 'TRUST_INVALID' | 'PDF_NO_RECEIPT' | 'FILE_UNREADABLE';

/** A typed error with a stable key and details, like fabric-gateway's errors. */
export class ReceiptError extends Error {
  constructor(
    readonly key: ReceiptErrorKey,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ReceiptError';
  }
}

/** A protobuf or DER structure that did not decode, or did not re-encode to the same bytes. */
export class DecodeError extends Error {
  constructor(readonly what: string) {
    super(`${what} does not decode canonically`);
    this.name = 'DecodeError';
  }
}
