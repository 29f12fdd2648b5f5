import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReceiptRecord } from '@govchain/verifier';
import type { Principal } from '../auth/principal';
import { authorizeReceipt, publicReceiptAllowed } from './receipt-access';

const me = 'a'.repeat(64);
const other = 'b'.repeat(64);
const rec = (family: string, kind: string, value: object): ReceiptRecord => ({ namespace: 'govchain', key: `\u0000k\u0000${kind}\u0000`, family, kind, id: kind, value: JSON.stringify(value) });
const op = (role: 'registrar' | 'clerk' | 'auditor' | 'admin' | 'investigator'): Principal => ({ kind: 'operator', operatorId: `${role}1`, org: 'PublicSecurity', role });
const citizen = (subject: string): Principal => ({ kind: 'citizen', subject, org: 'PublicSecurity' });
const now = new Date('2026-06-01T00:00:00.000Z');
const refused = (p: Principal, records: ReceiptRecord[], key: string) =>
  assert.throws(() => authorizeReceipt(p, { records }, now), (e: { key?: string }) => e.key === key, `${JSON.stringify(p)} -> ${key}`);

test('operators: every family, but audit entries only for auditors', () => {
  for (const role of ['registrar', 'clerk', 'auditor', 'admin'] as const) authorizeReceipt(op(role), { records: [rec('copyright', 'deposit', { authors: [other] })] }, now);
  authorizeReceipt(op('auditor'), { records: [rec('audit', 'entry', { subjectKey: other })] }, now);
  for (const role of ['registrar', 'clerk', 'admin', 'investigator'] as const) refused(op(role), [rec('audit', 'entry', { subjectKey: other })], 'FORBIDDEN_ROLE');
  authorizeReceipt(op('investigator'), { records: [rec('audit', 'sealing-order', { subjectKey: other })] }, now);
  authorizeReceipt(op('auditor'), { records: [rec('audit', 'sealing-order', { subjectKey: other })] }, now);
  for (const role of ['registrar', 'clerk', 'admin'] as const) refused(op(role), [rec('audit', 'sealing-order', { subjectKey: other })], 'FORBIDDEN_ROLE');
});

test('citizens: only records that name them; identity and audit records must be their own; sealed entries withheld', () => {
  authorizeReceipt(citizen(me), { records: [rec('property', 'title', { owners: [me, other] })] }, now);
  authorizeReceipt(citizen(me), { records: [rec('copyright', 'licence', { licensee: { kind: 'person', subjectKey: me } }), rec('copyright', 'deposit', { authors: [other] })] }, now);
  authorizeReceipt(citizen(me), { records: [rec('audit', 'entry', { subjectKey: me, sealedUntil: '2026-01-01T00:00:00.000Z' })] }, now);
  refused(citizen(me), [rec('property', 'title', { owners: [other] })], 'FORBIDDEN_SUBJECT');
  refused(citizen(me), [rec('audit', 'entry', { subjectKey: other, note: me })], 'FORBIDDEN_SUBJECT');
  refused(citizen(me), [rec('identity', 'identity', { subjectKey: other }), rec('property', 'title', { owners: [me] })], 'FORBIDDEN_SUBJECT');
  refused(citizen(me), [rec('audit', 'entry', { subjectKey: me, sealedUntil: '2027-01-01T00:00:00.000Z' })], 'FORBIDDEN_SUBJECT');
  refused(citizen(me), [rec('audit', 'entry', { subjectKey: me, sealingOrderId: 'SO-1' })], 'FORBIDDEN_SUBJECT');
  refused(citizen(me), [rec('audit', 'sealing-order', { subjectKey: me })], 'FORBIDDEN_SUBJECT');
  refused(citizen(me), [], 'FORBIDDEN_SUBJECT');
  refused(citizen(me), [rec('business', 'registration', { legalRepresentative: me.slice(0, 63) })], 'FORBIDDEN_SUBJECT');
});

test('the public: only certificate records, never identity, audit or governance', () => {
  assert.equal(publicReceiptAllowed({ records: [rec('copyright', 'deposit', {})] }), true);
  assert.equal(publicReceiptAllowed({ records: [rec('property', 'title', {}), rec('property', 'transfer', {})] }), true);
  assert.equal(publicReceiptAllowed({ records: [rec('business', 'registration', {})] }), true);
  assert.equal(publicReceiptAllowed({ records: [rec('copyright', 'licence', {})] }), false);
  assert.equal(publicReceiptAllowed({ records: [rec('property', 'title', {}), rec('audit', 'entry', {})] }), false);
  assert.equal(publicReceiptAllowed({ records: [rec('identity', 'identity', {})] }), false);
  assert.equal(publicReceiptAllowed({ records: [] }), false);
});
