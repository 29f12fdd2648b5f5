import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { SignedStep } from '@govchain/client';
import SignInPage from '../src/pages/SignInPage';
import { sessionStore } from '../src/auth/session';
import { SignaturesTable } from '../src/components/SignaturesTable';
import { recordSignedAction, signedActions } from '../src/signing/signed-actions';
import { checkTicket } from '../src/signing/ticket';
import { fakeFetch, renderPage } from './render';
import { fakeJwt } from './session.test';

const TICKET = { org: 'PublicSecurity', mspId: 'PublicSecurityMSP', operatorId: 'web1', role: 'registrar', enrollmentId: 'web1.publicsecurity', secret: 'S3cret-one-time' };
const WHO = { operatorId: 'web1', mspId: 'PublicSecurityMSP' };

describe('enrolment ticket', () => {
  it('accepts the ticket operator:add wrote, for the signed-in operator at this org', () => {
    expect(checkTicket(JSON.stringify(TICKET), WHO)).toEqual({ ok: true, ticket: TICKET });
  });
  it('refuses anything else before a key is made or a secret sent', () => {
    expect(checkTicket('not json', WHO)).toEqual({ ok: false, problem: 'TICKET_INVALID' });
    expect(checkTicket('null', WHO)).toEqual({ ok: false, problem: 'TICKET_INVALID' });
    expect(checkTicket(JSON.stringify({ ...TICKET, secret: '' }), WHO)).toEqual({ ok: false, problem: 'TICKET_INVALID' });
    expect(checkTicket(JSON.stringify({ ...TICKET, secret: 7 }), WHO)).toEqual({ ok: false, problem: 'TICKET_INVALID' });
    expect(checkTicket(JSON.stringify({ ...TICKET, operatorId: 'web2' }), WHO)).toEqual({ ok: false, problem: 'TICKET_OTHER_OPERATOR' });
    expect(checkTicket(JSON.stringify({ ...TICKET, mspId: 'CopyrightOfficeMSP' }), WHO)).toEqual({ ok: false, problem: 'TICKET_OTHER_ORG' });
  });
});

describe('sign-in of an operator without a certificate', () => {
  it('keeps the session as not enrolled and goes to the key page (only there can they act)', async () => {
    const token = fakeJwt({ sub: 'web1', role: 'registrar', org: 'PublicSecurity', exp: 4e9 });
    const f = fakeFetch(() => ({ status: 403, body: { error: { code: 403, key: 'OPERATOR_NOT_ENROLLED', message: 'operator web1 has no enrolled Fabric identity' } } }));
    await renderPage(<SignInPage />, { path: '/signin?next=%2Faudit', route: '/signin', fetchImpl: f.impl });
    fireEvent.change(screen.getByTestId('token-input'), { target: { value: token } });
    fireEvent.click(screen.getByTestId('token-submit'));
    await waitFor(() => expect(screen.getByTestId('elsewhere')).toBeTruthy());
    expect(sessionStore().load()).toMatchObject({ sub: 'web1', kind: 'operator', enrolled: false });
  });
  it('still refuses a citizen or another error', async () => {
    const token = fakeJwt({ sub: 'a'.repeat(64), role: 'citizen', org: 'PublicSecurity', exp: 4e9 });
    const f = fakeFetch(() => ({ status: 403, body: { error: { code: 403, key: 'OPERATOR_NOT_ENROLLED', message: 'x' } } }));
    await renderPage(<SignInPage />, { path: '/signin', route: '/signin', fetchImpl: f.impl });
    fireEvent.change(screen.getByTestId('token-input'), { target: { value: token } });
    fireEvent.click(screen.getByTestId('token-submit'));
    await waitFor(() => expect(screen.getByTestId('error-key').textContent).toBe('OPERATOR_NOT_ENROLLED'));
    expect(sessionStore().load()).toBeUndefined();
  });
});

const step = (kind: SignedStep['kind'], tx: string, sha: string): SignedStep => ({ kind, transactionId: tx, fn: 'Identity:Register', args: [], channel: 'govchannel', chaincode: 'govchain', certificateSha256: sha });

describe('which key signed each action', () => {
  it('shows the signing key of each step and whether the ledger names the same certificate as creator', async () => {
    const mine = 'a'.repeat(64);
    const other = 'b'.repeat(64);
    const steps = [step('proposal', 't1', mine), step('transaction', 't1', mine), step('proposal', 't2', mine), step('transaction', 't2', mine), step('transaction', 't3', mine)];
    await renderPage(<SignaturesTable steps={steps} ledger={{ t1: { operatorId: 'web1', certificateSha256: mine }, t2: { operatorId: 'x', certificateSha256: other } }} />, { lang: 'en' });
    expect(screen.getAllByTestId('signed-by').map((e) => e.querySelector('.mono')?.getAttribute('title'))).toEqual([mine, mine, mine, mine, mine]);
    expect(screen.getAllByTestId('ledger-match')).toHaveLength(2);
    expect(screen.getAllByTestId('ledger-mismatch')).toHaveLength(2);
    expect(screen.getByText('Not read')).toBeTruthy();
  });
  it('keeps the latest signed actions of this tab, newest first', () => {
    for (let i = 0; i < 55; i++) recordSignedAction({ at: `2026-12-01T00:00:${String(i).padStart(2, '0')}Z`, action: 'POST /api/v1/identities', status: 201, steps: [] });
    const all = signedActions();
    expect(all).toHaveLength(50);
    expect(all[0]?.at).toBe('2026-12-01T00:00:54Z');
    window.sessionStorage.setItem('govchain.console.signed-actions', '{broken');
    expect(signedActions()).toEqual([]);
  });
});
