import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { ConsoleConfig } from '../api/types';

/** Where the identity provider sends the browser back (a console page; the gateway serves index.html there). */
export const OIDC_CALLBACK_PATH = '/console/signin';

/**
 * The department identity provider as an OpenID Connect client: authorization code with PKCE, a public client (no
 * secret in the browser), and every piece of state in this tab's sessionStorage (never localStorage). The access
 * token it yields is a JWT the gateway verifies (GOVCHAIN_JWT_JWKS_URL, issuer, audience).
 */
export function oidcManager(oidc: NonNullable<ConsoleConfig['oidc']>, origin = window.location.origin, storage: Storage = window.sessionStorage): UserManager {
  const store = new WebStorageStateStore({ store: storage, prefix: 'govchain.oidc.' });
  return new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    redirect_uri: `${origin}${OIDC_CALLBACK_PATH}`,
    response_type: 'code',
    scope: oidc.scope,
    userStore: store,
    stateStore: store,
    automaticSilentRenew: false,
    loadUserInfo: false,
  });
}

/** Does this URL carry an authorization response (code or error, and state)? */
export const isOidcCallback = (search: string): boolean => {
  const p = new URLSearchParams(search);
  return p.has('state') && (p.has('code') || p.has('error'));
};
