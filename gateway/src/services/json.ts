import { ApiError } from '../errors/api-error';

/** Decodes a chaincode response (canonical JSON); an empty response becomes null. */
export function decodeJson(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return null;
  const text = Buffer.from(bytes).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(500, 'INTERNAL', 'the chaincode returned a response that is not JSON');
  }
}
