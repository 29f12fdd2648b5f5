/**
 * The sign-in state: the bearer token and what it says about its holder. Kept in memory and in this tab's
 * sessionStorage only (never localStorage, never a cookie), so closing the tab or signing out forgets it.
 */
export interface Session {
  token: string;
  kind: 'operator' | 'citizen';
  /** Operator id, or the citizen's subject key. */
  sub: string;
  role: string;
  org: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** False for an operator the gateway has no certificate for yet: they can only enrol (a key made in this browser). */
  enrolled?: boolean;
}

const KEY = 'govchain.console.session';

/** Reads the claims of a JWT without verifying it (the gateway verifies; this only labels the session). */
export function decodeToken(token: string): Omit<Session, 'token' | 'kind'> & { kind: Session['kind'] } {
  const parts = token.trim().split('.');
  if (parts.length !== 3) throw new Error('not a JWT');
  const json = atob((parts[1] as string).replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil((parts[1] as string).length / 4) * 4, '='));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  const { sub, role, org, exp } = claims;
  if (typeof sub !== 'string' || typeof role !== 'string' || typeof org !== 'string' || typeof exp !== 'number') throw new Error('the token lacks sub, role, org or exp');
  return { sub, role, org, exp, kind: role === 'citizen' ? 'citizen' : 'operator' };
}

/** Where the session is kept (sessionStorage by default; tests pass their own). */
export interface SessionStore {
  load(): Session | undefined;
  save(s: Session): void;
  clear(): void;
}

/** The tab's sessionStorage; an expired session is dropped when read. */
export function sessionStore(storage: Storage = window.sessionStorage, now: () => number = () => Date.now()): SessionStore {
  return {
    load() {
      const raw = storage.getItem(KEY);
      if (!raw) return undefined;
      try {
        const s = JSON.parse(raw) as Session;
        if (typeof s.token !== 'string' || s.exp * 1000 <= now()) {
          storage.removeItem(KEY);
          return undefined;
        }
        return s;
      } catch {
        storage.removeItem(KEY);
        return undefined;
      }
    },
    save: (s) => storage.setItem(KEY, JSON.stringify(s)),
    clear: () => storage.removeItem(KEY),
  };
}
