import { bytesEqual } from './bytes';
import { DecodeError } from './errors';

/** A generated protobuf message class (google-protobuf). */
interface MessageClass<T> {
  deserializeBinary(bytes: Uint8Array): T;
}

/**
 * Decodes protobuf bytes and insists they re-encode to the very same bytes. Signatures and hashes cover the
 * encoded bytes, so a receipt whose bytes carry unknown fields, duplicates or non-minimal encodings could show
 * a reader something other than what was signed; such bytes are refused instead of being interpreted.
 */
export function decodeStrict<T extends { serializeBinary(): Uint8Array }>(cls: MessageClass<T>, bytes: Uint8Array, what: string): T {
  let message: T;
  try {
    message = cls.deserializeBinary(bytes);
  } catch {
    throw new DecodeError(what);
  }
  if (!bytesEqual(message.serializeBinary(), bytes)) throw new DecodeError(what);
  return message;
}
