import { ApiError, errorOf, NETWORK_ERROR } from './api-error';

/** Calls the gateway's REST API (same origin). The only way the console reads or writes anything. */
export interface ApiClient {
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  /** A GET whose body is kept as sent (a receipt's text, a block-data part's bytes). */
  getRaw(path: string, as: 'text'): Promise<string>;
  getRaw(path: string, as: 'bytes'): Promise<Uint8Array>;
}

/** Builds `path?query`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** A client for `base` (e.g. /api/v1), sending the token when there is one. */
export function apiClient(base: string, token: () => string | undefined, fetchImpl: typeof fetch = (...a) => fetch(...a)): ApiClient {
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown, as: 'json' | 'text' | 'bytes' = 'json'): Promise<T> => {
    const headers: Record<string, string> = { accept: as === 'bytes' ? 'application/octet-stream, application/json' : 'application/json' };
    const t = token();
    if (t) headers.authorization = `Bearer ${t}`;
    if (method === 'POST') {
      headers['content-type'] = 'application/json';
      headers['idempotency-key'] = `console-${crypto.randomUUID()}`;
    }
    let res: Response;
    try {
      res = await fetchImpl(base + path, { method, headers, ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}), credentials: 'omit', cache: 'no-store' });
    } catch (err) {
      throw new ApiError(0, NETWORK_ERROR, err instanceof Error ? err.message : String(err));
    }
    if (!res.ok) throw await errorOf(res);
    if (as === 'text') return (await res.text()) as T;
    if (as === 'bytes') return new Uint8Array(await res.arrayBuffer()) as T;
    return (await res.json()) as T;
  };
  return {
    get: (path, query) => call('GET', withQuery(path, query)),
    post: (path, body) => call('POST', path, body),
    getRaw: ((path: string, as: 'text' | 'bytes') => call('GET', path, undefined, as)) as ApiClient['getRaw'],
  };
}
