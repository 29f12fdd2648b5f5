/**
 * Canonical JSON: object keys sorted by code unit, no whitespace. Every endorsing peer must produce the
 * same bytes for the same record, otherwise endorsements mismatch; JSON.stringify keeps insertion order.
 */
export function canonicalStringify(value: unknown): string {
  return JSON.stringify(sortDeep(value, '$'));
}

function sortDeep(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: non-finite number at ${path}`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => sortDeep(item === undefined ? null : item, `${path}[${i}]`));
  if (typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) {
      const item = source[key];
      // Undefined properties are dropped, as JSON.stringify would, so optional fields do not change bytes.
      if (item !== undefined) out[key] = sortDeep(item, `${path}.${key}`);
    }
    return out;
  }
  throw new TypeError(`canonical JSON: unsupported ${typeof value} at ${path}`);
}

/** Canonical JSON as UTF-8 bytes, the form stored in state. */
export function canonicalBytes(value: unknown): Uint8Array {
  return Buffer.from(canonicalStringify(value), 'utf8');
}

/** Parses JSON text; throws SyntaxError on bad input (callers map it to INVALID_ARGUMENT). */
export function canonicalParse<T = unknown>(text: string): T {
  return JSON.parse(text) as T;
}

/** Decodes stored bytes into a value. */
export function parseBytes<T = unknown>(bytes: Uint8Array): T {
  return canonicalParse<T>(Buffer.from(bytes).toString('utf8'));
}
