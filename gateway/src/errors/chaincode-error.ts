import { ERROR_KEYS, ERRORS, isChaincodeErrorKey } from '@govchain/chaincode';

/** Chaincode error key -> HTTP status: the API's error table (chaincode/src/api/errors.ts), not a copy. */
export const CHAINCODE_KEY_STATUS: Readonly<Record<string, number>> = Object.fromEntries(
  ERROR_KEYS.filter(isChaincodeErrorKey).map((key) => [key, ERRORS[key].status]),
);

/** A chaincode error as thrown by the contracts: canonical JSON `{"code","details","key","message"}`. */
export interface ChaincodeErrorPayload {
  key: string;
  code: number;
  message: string;
  details?: unknown;
}

/**
 * Finds the first `{` in a peer's error text and parses the chaincode error JSON from there.
 * Returns undefined when there is no well-formed payload with a string `key`; never matches prose.
 */
export function parseChaincodeError(text: string): ChaincodeErrorPayload | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  const candidate = text.slice(start);
  // The payload may be followed by peer text; try the longest balanced prefix ending at each '}'.
  for (let end = candidate.lastIndexOf('}'); end > 0; end = candidate.lastIndexOf('}', end - 1)) {
    try {
      const value: unknown = JSON.parse(candidate.slice(0, end + 1));
      if (isPayload(value)) return value;
      return undefined;
    } catch {
      // keep shrinking
    }
  }
  return undefined;
}

function isPayload(value: unknown): value is ChaincodeErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.key === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(v.key) && typeof v.message === 'string';
}

/**
 * HTTP status for a chaincode error key. Unknown keys fall back to the payload's own code when it is a
 * client error (4xx), else 500, so an unknown key can never turn a server fault into a client one.
 */
export function statusForChaincodeKey(key: string, code?: number): number {
  const known = CHAINCODE_KEY_STATUS[key];
  if (known !== undefined) return known;
  if (typeof code === 'number' && Number.isInteger(code) && code >= 400 && code < 500) return code;
  return 500;
}
