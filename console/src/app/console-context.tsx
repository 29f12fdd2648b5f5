import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import { apiClient, type ApiClient } from '../api/client';
import type { ConsoleConfig } from '../api/types';
import { decodeToken, sessionStore, type Session, type SessionStore } from '../auth/session';

/** What every page can use: the gateway's console config, the session and an API client bound to it. */
export interface ConsoleContextValue {
  config: ConsoleConfig;
  session: Session | undefined;
  api: ApiClient;
  /** Checks the token with the gateway (who it names, and that this gateway accepts it), then keeps it. */
  signIn(token: string): Promise<Session>;
  signOut(): void;
  /** Marks the signed-in operator as enrolled (after enrolment with a key made in this browser). */
  markEnrolled(): void;
}

const Ctx = createContext<ConsoleContextValue | undefined>(undefined);

/** Provides config, session and API to the pages. */
export function ConsoleProvider({ config, store = sessionStore(), fetchImpl, children }: { config: ConsoleConfig; store?: SessionStore; fetchImpl?: typeof fetch; children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(() => store.load());
  const api = useMemo(() => apiClient(config.apiBase, () => session?.token, fetchImpl), [config.apiBase, session, fetchImpl]);
  const signIn = useCallback(async (raw: string) => {
    const token = raw.trim();
    const claims = decodeToken(token);
    const probe = apiClient(config.apiBase, () => token, fetchImpl);
    let enrolled = true;
    try {
      await probe.get(claims.kind === 'citizen' ? '/me' : '/operators/me');
    } catch (err) {
      // A new operator holds a valid token but no certificate yet: signed in only to enrol a key made here.
      if (!(claims.kind === 'operator' && err instanceof ApiError && err.key === 'OPERATOR_NOT_ENROLLED')) throw err;
      enrolled = false;
    }
    const s: Session = { token, ...claims, ...(claims.kind === 'operator' ? { enrolled } : {}) };
    store.save(s);
    setSession(s);
    return s;
  }, [config.apiBase, fetchImpl, store]);
  const signOut = useCallback(() => {
    store.clear();
    setSession(undefined);
  }, [store]);
  const markEnrolled = useCallback(() => {
    setSession((s) => {
      if (!s) return s;
      const next = { ...s, enrolled: true };
      store.save(next);
      return next;
    });
  }, [store]);
  const value = useMemo(() => ({ config, session, api, signIn, signOut, markEnrolled }), [config, session, api, signIn, signOut, markEnrolled]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The console context (inside ConsoleProvider). */
export function useConsole(): ConsoleContextValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useConsole outside ConsoleProvider');
  return v;
}
