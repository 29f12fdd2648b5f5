import { describe, expect, it } from 'vitest';
import { decodeToken, sessionStore } from '../src/auth/session';
import { oidcManager, isOidcCallback } from '../src/auth/oidc';

const b64url = (o: unknown) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
export const fakeJwt = (claims: Record<string, unknown>) => `${b64url({ alg: 'ES256' })}.${b64url(claims)}.sig`;

describe('the sign-in state', () => {
  it('labels a token by its claims (the gateway verifies it)', () => {
    expect(decodeToken(fakeJwt({ sub: 'auditor1', role: 'auditor', org: 'PublicSecurity', exp: 2e9 }))).toEqual({ sub: 'auditor1', role: 'auditor', org: 'PublicSecurity', exp: 2e9, kind: 'operator' });
    expect(decodeToken(fakeJwt({ sub: 'c'.repeat(64), role: 'citizen', org: '公安局', exp: 2e9 })).kind).toBe('citizen');
    expect(() => decodeToken('nonsense')).toThrow();
    expect(() => decodeToken(fakeJwt({ sub: 'x', role: 'auditor' }))).toThrow(/exp/);
  });

  it('lives in sessionStorage only, is dropped when expired, and is gone after sign-out', () => {
    let now = 1_000_000;
    const store = sessionStore(window.sessionStorage, () => now);
    store.save({ token: 't', kind: 'operator', sub: 'auditor1', role: 'auditor', org: 'PS', exp: 2000 });
    expect(store.load()?.sub).toBe('auditor1');
    expect(window.localStorage.length).toBe(0);
    store.clear();
    expect(store.load()).toBeUndefined();
    expect(window.sessionStorage.length).toBe(0);
    store.save({ token: 't', kind: 'operator', sub: 'auditor1', role: 'auditor', org: 'PS', exp: 2000 });
    now = 2_000_000;
    expect(store.load()).toBeUndefined();
    window.sessionStorage.setItem('govchain.console.session', '{broken');
    expect(store.load()).toBeUndefined();
  });

  it('signs in through OIDC with code + PKCE and keeps the interaction state in sessionStorage', async () => {
    const m = oidcManager({ authority: 'https://idp.example/realms/gov', clientId: 'console', scope: 'openid' }, 'https://gw.example');
    expect(m.settings.response_type).toBe('code');
    expect(m.settings.redirect_uri).toBe('https://gw.example/console/signin');
    expect(m.settings.client_secret).toBeUndefined();
    await m.settings.stateStore.set('probe', 'x');
    expect(window.sessionStorage.getItem('govchain.oidc.probe')).toBe('x');
    expect(window.localStorage.length).toBe(0);
    expect(isOidcCallback('?code=abc&state=s')).toBe(true);
    expect(isOidcCallback('?next=/audit')).toBe(false);
  });
});
