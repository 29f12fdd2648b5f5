import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Contract } from 'fabric-contract-api';
import { AuditContract } from './audit/audit-contract';
import { SystemContract } from './system/system-contract';
import { CallOptions, TestChannel } from '../testing/test-channel';
import { MSP, WHO, bootstrap, citizen, governance, identity, useTestSecret } from '../testing';
import { describeWriteSet } from '../testing/memory-ledger';
import { isSubmit, transactionsOf } from '../testing/contract-metadata';

const audit = new AuditContract();
const system = new SystemContract();
const amend = { reason: 'r', legalAuthority: 'a' };
const grant = { requesterMsp: MSP.nr, dataset: 'resident-identity', purpose: 'title-registration' };

interface Step { contract: Contract; fn: string; args: (ctx: Record<string, string>) => string[]; opts: CallOptions; save?: string }

/** Every submit transaction of the core-owned contracts, in an order where each succeeds. */
const steps: Step[] = [
  { contract: system, fn: 'Probe', args: () => ['p1'], opts: { as: WHO.psClerk } },
  { contract: governance, fn: 'SetRegistrar', args: () => ['d1', JSON.stringify({ recordType: 'copyright', mspId: MSP.co, ...amend })], opts: { as: WHO.govAdmin } },
  { contract: governance, fn: 'SetMembers', args: () => ['d2', JSON.stringify({ members: Object.values(MSP), ...amend })], opts: { as: WHO.govAdmin } },
  { contract: governance, fn: 'SetSealingOrgs', args: () => ['d2b', JSON.stringify({ sealingOrgs: [MSP.ps], ...amend })], opts: { as: WHO.govAdmin } },
  { contract: governance, fn: 'PutDataset', args: () => ['d3', JSON.stringify({ dataset: 'resident-identity', ownerMsp: MSP.ps, fields: ['name', 'address'], shareClass: 'open', legalBasis: 'L', ...amend })], opts: { as: WHO.govAdmin } },
  { contract: governance, fn: 'PutDataset', args: () => ['d3b', JSON.stringify({ dataset: 'resident-identity', ownerMsp: MSP.ps, fields: ['name'], shareClass: 'conditional', legalBasis: 'L', ...amend })], opts: { as: WHO.govAdmin } },
  { contract: governance, fn: 'ApproveDatasetChange', args: () => ['d3c', JSON.stringify({ dataset: 'resident-identity', ...amend })], opts: { as: WHO.psAdmin } },
  { contract: governance, fn: 'ProposeGrant', args: () => ['d4', JSON.stringify({ ...grant, expiresAt: '2026-01-01T00:00:00.000Z', legalBasis: 'L', ...amend })], opts: { as: WHO.govAdmin } },
  { contract: governance, fn: 'ApproveGrant', args: () => ['d5', JSON.stringify({ ...grant, ...amend })], opts: { as: WHO.psAdmin } },
  { contract: identity, fn: 'StagePersonalData', args: () => ['d6'], opts: { as: WHO.psRegistrar, transient: { personalData: JSON.stringify(citizen('111')) } }, save: 'staged' },
  { contract: identity, fn: 'Register', args: (c) => ['d7', c.staged ?? ''], opts: { as: WHO.psRegistrar } },
  { contract: audit, fn: 'RequestAccess', args: (c) => ['d8', JSON.stringify({ subjectKey: c.subjectKey, dataset: 'resident-identity', fields: ['name'], purpose: 'title-registration', legalBasis: 'L', caseId: 'C' })], opts: { as: WHO.nrClerk } },
  { contract: audit, fn: 'RecordLookup', args: () => ['d8l', JSON.stringify({ lookup: 'verify', purpose: 'counter-service', legalBasis: 'L', caseId: 'C' })], opts: { as: WHO.nrClerk, transient: { personalData: JSON.stringify({ idNumber: citizen('111').idNumber, name: citizen('111').name }) } } },
  { contract: audit, fn: 'IssueSealingOrder', args: (c) => ['d8s', JSON.stringify({ subjectKey: c.subjectKey, caseId: 'C', accessorMsp: MSP.ps, legalAuthority: 'L', reason: 'R', endsAt: '2025-12-01T00:00:00.000Z' })], opts: { as: WHO.psInvestigator }, save: 'order' },
  { contract: audit, fn: 'RequestAccess', args: (c) => ['d8t', JSON.stringify({ subjectKey: c.subjectKey, dataset: 'resident-identity', fields: ['name'], purpose: 'investigation', legalBasis: 'L', caseId: 'C', sealingOrderId: c.orderId })], opts: { as: WHO.psClerk } },
  { contract: audit, fn: 'EndSealingOrder', args: (c) => ['d8u', JSON.stringify({ orderId: c.orderId, reason: 'closed' })], opts: { as: WHO.psInvestigator } },
  { contract: audit, fn: 'ImportEntries', args: (c) => ['d8b', JSON.stringify({ batchId: 'b1', source: 'legacy', legalAuthority: 'L', entries: [
    { subjectKey: c.subjectKey, dataset: 'resident-identity', fields: ['name'], purpose: 'counter-service', legalBasis: 'L', caseId: 'C', accessorOperatorId: 'old1', role: 'clerk', at: '2020-01-01T00:00:00.000Z' },
  ] })], opts: { as: WHO.psAdmin } },
  { contract: identity, fn: 'Suspend', args: (c) => ['d9', JSON.stringify({ subjectKey: c.subjectKey, ...amend })], opts: { as: WHO.psRegistrar } },
  { contract: identity, fn: 'Revoke', args: (c) => ['d10', JSON.stringify({ subjectKey: c.subjectKey, ...amend })], opts: { as: WHO.psRegistrar } },
  { contract: identity, fn: 'Reinstate', args: (c) => ['d11', JSON.stringify({ subjectKey: c.subjectKey, ...amend })], opts: { as: WHO.psRegistrar } },
  { contract: governance, fn: 'RevokeGrant', args: () => ['d12', JSON.stringify({ ...grant, ...amend })], opts: { as: WHO.govAdmin } },
  { contract: identity, fn: 'Erase', args: (c) => ['d13', JSON.stringify({ subjectKey: c.subjectKey, ...amend })], opts: { as: WHO.psRegistrar } },
];

describe('determinism: every submit transaction yields identical write sets on equal state', () => {
  it('covers every submit transaction of System, Governance, Identity and Audit', () => {
    const covered = new Set(steps.map((s) => `${s.contract.getName()}:${s.fn}`).concat('Governance:Bootstrap'));
    const declared = [system, governance, identity, audit].flatMap((c) => transactionsOf(c).filter(isSubmit).map((t) => `${c.getName()}:${t.name}`));
    assert.deepEqual(declared.filter((name) => !covered.has(name)), []);
  });

  it('replays each step twice on forks with the same tx id and time', async () => {
    useTestSecret();
    const ch = new TestChannel();
    await bootstrap(ch);
    const saved: Record<string, string> = {};
    let n = 0;
    for (const step of steps) {
      n += 1;
      const opts: CallOptions = { ...step.opts, txId: `det${n}`, time: `2025-03-01T00:00:${String(n).padStart(2, '0')}.000Z` };
      const args = step.args(saved);
      const a = await ch.fork().simulate(step.contract, step.fn, args, opts);
      const b = await ch.fork().simulate(step.contract, step.fn, args, opts);
      const label = `${step.contract.getName()}:${step.fn}`;
      assert.notEqual(describeWriteSet(a.writeSet), '', `${label} wrote nothing`);
      assert.equal(describeWriteSet(a.writeSet), describeWriteSet(b.writeSet), `${label} write sets differ`);
      assert.equal(a.result, b.result, `${label} results differ`);
      const result = await ch.submit(step.contract, step.fn, args, opts);
      assert.equal(result, a.result);
      if (step.save) saved[step.save] = result;
      if (step.fn === 'Register') saved.subjectKey = (JSON.parse(result) as { subjectKey: string }).subjectKey;
      if (step.fn === 'IssueSealingOrder') saved.orderId = (JSON.parse(result) as { orderId: string }).orderId;
    }
  });
});
