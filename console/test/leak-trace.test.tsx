import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import LeakTracePage from '../src/pages/LeakTracePage';
import { sessionStore } from '../src/auth/session';
import { fakeFetch, renderPage } from './render';

const report = (subjects: number) => ({
  subjects, from: null, to: null, withheld: 0, untouched: 0, complete: true, cost: { calls: 1, read: 7, pages: 3 },
  operators: [{ accessorMsp: 'PublicSecurityMSP', accessorOperatorId: 'registrar1', covered: subjects, coverage: 1, accesses: 4, firstAt: '2025-01-01T00:00:00.000Z', lastAt: '2025-01-02T00:00:00.000Z', subjects: [] }],
  orgs: [{ accessorMsp: 'PublicSecurityMSP', covered: subjects, coverage: 1, accesses: 4, firstAt: '2025-01-01T00:00:00.000Z', lastAt: '2025-01-02T00:00:00.000Z', operators: 1 }],
});

describe('LeakTracePage', () => {
  it('turns an uploaded file of ID numbers into subject keys by lookups, then traces them with the pasted keys', async () => {
    sessionStore().save({ token: 't', kind: 'operator', sub: 'auditor1', role: 'auditor', org: 'PublicSecurity', exp: 4e9 });
    const f = fakeFetch((url, init) => {
      if (url.endsWith('/identities/subject-key')) {
        const { idNumber } = JSON.parse(String(init.body)) as { idNumber: string };
        return { body: { subjectKey: idNumber.endsWith('1') ? '1'.repeat(64) : '2'.repeat(64) } };
      }
      return { body: report(JSON.parse(String(init.body)).subjects.length) };
    });
    await renderPage(<LeakTracePage />, { fetchImpl: f.impl, lang: 'en' });
    const file = new File(['id\n110105199003071231\n110105199003071232\nbad\n'], 'leak.csv', { type: 'text/csv' });
    fireEvent.change(document.querySelector('input[type=file]') as HTMLInputElement, { target: { files: [file] } });
    await waitFor(() => expect(screen.getByText(/2 ID numbers loaded/)).toBeTruthy());
    expect(screen.getByText(/1 lines are not valid/)).toBeTruthy();
    fireEvent.change(screen.getByTestId('leak-keys'), { target: { value: `${'3'.repeat(64)}\n` } });
    fireEvent.change(screen.getByLabelText('Purpose code'), { target: { value: 'leak-investigation' } });
    fireEvent.change(screen.getByLabelText('Legal basis'), { target: { value: 'PIPL art. 34' } });
    fireEvent.change(screen.getByLabelText('Case id of this lookup'), { target: { value: 'LEAK-2025-7' } });
    fireEvent.click(screen.getByTestId('leak-run'));
    await waitFor(() => expect(screen.getByTestId('leak-operator').textContent).toBe('registrar1'));
    const lookups = f.calls.filter((c) => c.url.endsWith('/identities/subject-key'));
    expect(lookups.map((c) => JSON.parse(String(c.init.body)))).toEqual(['110105199003071231', '110105199003071232'].map((idNumber) => ({ idNumber, purpose: 'leak-investigation', legalBasis: 'PIPL art. 34', caseId: 'LEAK-2025-7' })));
    expect(lookups.every((c) => (c.init.headers as Record<string, string>)['idempotency-key']?.startsWith('console-'))).toBe(true);
    const trace = f.calls.find((c) => c.url.endsWith('/audit/leak-trace'));
    expect(JSON.parse(String(trace?.init.body)).subjects).toEqual(['3'.repeat(64), '1'.repeat(64), '2'.repeat(64)]);
    expect(screen.getByTestId('leak-cost').textContent).toContain('Read 7 entries in 3 pages');
  });

  it('refuses an empty set before calling the gateway', async () => {
    const f = fakeFetch(() => ({ body: {} }));
    await renderPage(<LeakTracePage />, { fetchImpl: f.impl, lang: 'en' });
    fireEvent.click(screen.getByTestId('leak-run'));
    await waitFor(() => expect(screen.getByTestId('error-key').textContent).toBe('INVALID_ARGUMENT'));
    expect(f.calls).toEqual([]);
  });
});
