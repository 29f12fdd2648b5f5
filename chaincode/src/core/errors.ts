import { type ChaincodeErrorKey, type ChaincodeErrorPayload, type ErrorDetails, ERRORS, parseChaincodeError } from '../api/errors';
import { canonicalStringify } from './canonical-json';

export type { ErrorDetails } from '../api/errors';

/**
 * The only error chaincode throws on purpose. Its `message` is canonical JSON
 * `{"code","details","key","message"}` because the peer forwards only the message string to clients.
 */
export class GovChainError extends Error {
  public readonly key: ChaincodeErrorKey;
  public readonly code: number;
  public readonly text: string;
  public readonly details: ErrorDetails;

  constructor(key: ChaincodeErrorKey, message: string, details: ErrorDetails = {}) {
    const code = ERRORS[key].status;
    super(canonicalStringify({ code, details, key, message }));
    this.name = 'GovChainError';
    this.key = key;
    this.code = code;
    this.text = message;
    this.details = details;
  }
}

/** Parses an error message produced by GovChainError (with any text around it), or undefined for any other error. */
export function parseGovChainError(message: string): ChaincodeErrorPayload | undefined {
  return parseChaincodeError(message);
}
