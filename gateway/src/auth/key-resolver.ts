import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApiError } from '../errors/api-error';
import type { JwtKeySource } from '../config/config';

/** Finds the public key that verifies a token, from the token header (kid). */
export interface KeyResolver {
  resolve(header: { kid?: string; alg?: string }): Promise<KeyObject>;
}

/** A resolver holding one PEM public key (file or dev key). */
export function staticKeyResolver(pem: string | Buffer): KeyResolver {
  const key = createPublicKey(pem);
  return { resolve: async () => key };
}

interface Jwk {
  kid?: string;
  kty: string;
  use?: string;
  [k: string]: unknown;
}

/**
 * A resolver that fetches a JWKS document, caches it, and refetches (at most every `minRefreshMs`)
 * when a token names an unknown `kid`.
 */
export function jwksKeyResolver(url: string, minRefreshMs = 30_000, fetchImpl: typeof fetch = fetch): KeyResolver {
  let keys = new Map<string, KeyObject>();
  let fetchedAt = 0;
  async function refresh(): Promise<void> {
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`JWKS fetch failed with HTTP ${res.status}`);
    const body = (await res.json()) as { keys?: Jwk[] };
    const next = new Map<string, KeyObject>();
    for (const jwk of body.keys ?? []) {
      if (jwk.use !== undefined && jwk.use !== 'sig') continue;
      next.set(jwk.kid ?? '', createPublicKey({ key: jwk, format: 'jwk' }));
    }
    keys = next;
    fetchedAt = Date.now();
  }
  return {
    async resolve(header) {
      const kid = header.kid ?? '';
      if (!keys.has(kid) && Date.now() - fetchedAt > minRefreshMs) {
        try {
          await refresh();
        } catch {
          throw new ApiError(503, 'JWKS_UNAVAILABLE', 'token keys cannot be fetched');
        }
      }
      const key = keys.get(kid) ?? (keys.size === 1 && kid === '' ? [...keys.values()][0] : undefined);
      if (!key) throw new ApiError(401, 'UNAUTHENTICATED', 'token signed by an unknown key', { reason: 'unknown_key' });
      return key;
    },
  };
}

/** Builds the resolver for a configured key source. */
export function keyResolverFor(source: JwtKeySource): KeyResolver {
  switch (source.kind) {
    case 'file':
      return staticKeyResolver(readFileSync(source.path));
    case 'dev':
      return staticKeyResolver(readFileSync(source.publicKeyPath));
    case 'jwks':
      return jwksKeyResolver(source.url);
  }
}
