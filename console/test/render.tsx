import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { I18nextProvider } from 'react-i18next';
import type { ConsoleConfig } from '../src/api/types';
import { ConsoleProvider } from '../src/app/console-context';
import { initI18n, type Language } from '../src/i18n';

export const CONFIG: ConsoleConfig = { org: 'PublicSecurity', mspId: 'PublicSecurityMSP', tokenSignIn: true, oidc: null, apiBase: '/api/v1', orgs: ['PublicSecurityMSP'] };

/** A fetch that answers by path and records every request (what the page sent, and where). */
export function fakeFetch(answer: (url: string, init: RequestInit) => { status?: number; body: unknown }) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const impl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    const a = answer(url, init);
    return new Response(JSON.stringify(a.body), { status: a.status ?? 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { impl, calls };
}

/** Renders a page at a path with the console's providers. */
export async function renderPage(page: ReactNode, { path = '/', route = '/', lang = 'zh-CN', fetchImpl, config = CONFIG }: { path?: string; route?: string; lang?: Language; fetchImpl?: typeof fetch; config?: ConsoleConfig } = {}) {
  const i18n = await initI18n(lang);
  return render(
    <I18nextProvider i18n={i18n}>
      <ConsoleProvider config={config} {...(fetchImpl ? { fetchImpl } : {})}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={route} element={page} />
            <Route path="*" element={<div data-testid="elsewhere" />} />
          </Routes>
        </MemoryRouter>
      </ConsoleProvider>
    </I18nextProvider>,
  );
}
