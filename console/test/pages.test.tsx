import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError, type ConsoleErrorKey } from '../src/api/api-error';
import { ErrorAlert } from '../src/components/ErrorAlert';
import VerifyWorkPage from '../src/pages/VerifyWorkPage';
import SignInPage from '../src/pages/SignInPage';
import CitizenLogPage from '../src/pages/CitizenLogPage';
import { sessionStore } from '../src/auth/session';
import { sha256Hex } from '../src/lib/sha256';
import { fakeFetch, renderPage } from './render';
import { fakeJwt } from './session.test';

describe('ErrorAlert', () => {
  it('shows the API error key, the message and the next step for that key', async () => {
    await renderPage(<ErrorAlert error={new ApiError(403, 'FORBIDDEN_ORG', 'this gateway serves PublicSecurity')} />, { lang: 'en' });
    expect(screen.getByTestId('error-key').textContent).toBe('FORBIDDEN_ORG');
    expect(screen.getByRole('alert').textContent).toContain('Use a token for this gateway');
    expect(screen.getByRole('alert').textContent).toContain('this gateway serves PublicSecurity');
  });
  it('falls back to a general next step for keys it does not know', async () => {
    await renderPage(<ErrorAlert error={new ApiError(500, 'SOMETHING_NEW' as ConsoleErrorKey, 'boom')} />);
    expect(screen.getByRole('alert').textContent).toContain('请将错误代码提供给管理员');
  });
});

describe('VerifyWorkPage', () => {
  const drop = async (content: string) => {
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([content], 'work.txt', { type: 'text/plain' })] } });
  };

  it('sends only the SHA-256 of the dropped file and shows the deposit', async () => {
    const content = 'my novel, chapter 1';
    const hash = await sha256Hex(new TextEncoder().encode(content));
    const f = fakeFetch(() => ({ body: { matches: true, certificate: { depositId: 'CR-1', contentHash: hash, hashAlgorithm: 'SHA-256', txId: 'ab'.repeat(32), blockNumber: 9, timestamp: '2025-01-01T00:00:00.000Z', depositorMsp: 'CopyrightOfficeMSP' }, holders: [{ kind: 'person' }] } }));
    await renderPage(<VerifyWorkPage />, { fetchImpl: f.impl });
    await drop(content);
    await waitFor(() => expect(screen.getByTestId('verify-result').textContent).toBe('已存证'));
    expect(f.calls.map((c) => c.url)).toEqual([`/api/v1/public/works/${hash}`]);
    expect(f.calls[0]?.init.body).toBeUndefined();
    expect(f.calls[0]?.init.headers).not.toHaveProperty('authorization');
    expect(screen.getByText('版权局', { exact: false })).toBeTruthy();
    expect(screen.getByText('自然人（不公开姓名）')).toBeTruthy();
  });

  it('says "no deposit" for a file without one, and shows API errors with their key', async () => {
    const f = fakeFetch((url) => (url.endsWith('0'.repeat(64)) ? { status: 429, body: { error: { code: 429, key: 'RATE_LIMITED', message: 'slow down' } } } : { body: { matches: false, contentHash: 'x' } }));
    await renderPage(<VerifyWorkPage />, { fetchImpl: f.impl, lang: 'en' });
    await drop('changed by one byte');
    await waitFor(() => expect(screen.getByTestId('verify-result').textContent).toBe('No deposit'));
    fireEvent.change(screen.getByPlaceholderText('SHA-256 (64 hex characters)'), { target: { value: '0'.repeat(64) } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    await waitFor(() => expect(screen.getByTestId('error-key').textContent).toBe('RATE_LIMITED'));
  });
});

describe('SignInPage', () => {
  it('checks the token with the gateway, keeps it in sessionStorage and goes to the role\'s page', async () => {
    const token = fakeJwt({ sub: 'auditor1', role: 'auditor', org: 'PublicSecurity', exp: 4e9 });
    const f = fakeFetch(() => ({ body: { kind: 'operator', operatorId: 'auditor1', org: 'PublicSecurity', role: 'auditor' } }));
    await renderPage(<SignInPage />, { path: '/signin', route: '/signin', fetchImpl: f.impl });
    fireEvent.change(screen.getByTestId('token-input'), { target: { value: token } });
    fireEvent.click(screen.getByTestId('token-submit'));
    await waitFor(() => expect(screen.getByTestId('elsewhere')).toBeTruthy());
    expect(f.calls[0]?.url).toBe('/api/v1/operators/me');
    expect((f.calls[0]?.init.headers as Record<string, string>).authorization).toBe(`Bearer ${token}`);
    expect(sessionStore().load()?.sub).toBe('auditor1');
    expect(window.localStorage.length).toBe(0);
  });

  it('refuses a token the gateway refuses, showing its key, and keeps nothing', async () => {
    const token = fakeJwt({ sub: 'auditor1', role: 'auditor', org: 'NaturalResources', exp: 4e9 });
    const f = fakeFetch(() => ({ status: 403, body: { error: { code: 403, key: 'FORBIDDEN_ORG', message: 'this gateway serves PublicSecurity' } } }));
    await renderPage(<SignInPage />, { path: '/signin', route: '/signin', fetchImpl: f.impl });
    fireEvent.change(screen.getByTestId('token-input'), { target: { value: token } });
    fireEvent.click(screen.getByTestId('token-submit'));
    await waitFor(() => expect(screen.getByTestId('error-key').textContent).toBe('FORBIDDEN_ORG'));
    expect(sessionStore().load()).toBeUndefined();
  });

  it('has no token form when the gateway turned it off', async () => {
    await renderPage(<SignInPage />, { path: '/signin', route: '/signin', config: { org: 'PS', mspId: 'PublicSecurityMSP', tokenSignIn: false, oidc: null, apiBase: '/api/v1' } });
    expect(screen.queryByTestId('token-input')).toBeNull();
    expect(screen.getByText(/未配置登录方式/)).toBeTruthy();
  });
});

describe('CitizenLogPage', () => {
  it('lists each access with department, operator, purpose, legal basis and case, and the withheld count', async () => {
    sessionStore().save({ token: 't', kind: 'citizen', sub: 'c'.repeat(64), role: 'citizen', org: 'PublicSecurity', exp: 4e9 });
    const entry = { accessId: 'a1', accessorOperatorId: 'clerk1', accessorMsp: 'PublicSecurityMSP', role: 'clerk', subjectKey: 'c'.repeat(64), dataset: 'resident-identity', fields: ['name'], purpose: 'identity-check', legalBasis: 'Law art. 19', caseId: 'CASE-9', at: '2025-01-01T01:00:00.000Z', expiresAt: '', grantId: null };
    const f = fakeFetch(() => ({ body: { records: [entry], bookmark: '', withheld: { count: 2, releases: ['2026-01-01T00:00:00.000Z'] } } }));
    await renderPage(<CitizenLogPage />, { fetchImpl: f.impl, lang: 'en' });
    await waitFor(() => expect(screen.getByTestId('citizen-case').textContent).toBe('CASE-9'));
    expect(screen.getByText('Public Security Bureau')).toBeTruthy();
    expect(screen.getByText('identity-check')).toBeTruthy();
    expect(screen.getByTestId('withheld').textContent).toContain('2 entries are withheld');
    expect(f.calls[0]?.url).toBe('/api/v1/me/access-log?pageSize=20');
  });

  it('says so when no one accessed the data', async () => {
    const f = fakeFetch(() => ({ body: { records: [], bookmark: '' } }));
    await renderPage(<CitizenLogPage />, { fetchImpl: f.impl });
    await waitFor(() => expect(screen.getByText('尚无人查看您的数据。')).toBeTruthy());
  });
});
