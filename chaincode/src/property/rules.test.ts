import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGovChainError } from '../core/errors';
import { TitleData } from './records';
import {
  assertCanPropose, assertCompletable, closedTransfer, missingApprovals, newTransfer, titleAfterTransfer,
  withApproval, withLenderConsent,
} from './rules';

const key = (c: string) => c.repeat(64);
const [A, B, C, D] = [key('a'), key('b'), key('c'), key('d')];

function title(overrides: Partial<TitleData> = {}): TitleData {
  return {
    parcelNumber: 'P0001', owners: [A, B], areaSqm: 90, use: 'residential', documentHash: key('e'),
    pendingTransferId: null, activeEncumbrances: [], transferCount: 0, encumbranceCount: 0, ...overrides,
  };
}

const approval = (subjectKey: string) => ({ subjectKey, evidenceHash: key('f'), recordedBy: 'op1@NR', recordedAt: 't', txId: 'tx' });
const consent = (encumbranceId: string) => ({ encumbranceId, evidenceHash: key('f'), recordedBy: 'op1@NR', recordedAt: 't', txId: 'tx' });

function keyOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return parseGovChainError((e as Error).message)?.key;
  }
  return undefined;
}

describe('property transfer state machine', () => {
  it('needs every seller and every buyer before completion', () => {
    let t = newTransfer(title(), 'P0001:T1', [C, D], key('9'));
    assert.deepEqual(missingApprovals(t), [A, B, C, D]);
    for (const party of [A, B, C]) {
      t = withApproval(t, approval(party));
      assert.equal(keyOf(() => assertCompletable(t, [])), 'APPROVAL_MISSING');
    }
    t = withApproval(t, approval(D));
    assert.deepEqual(missingApprovals(t), []);
    assert.equal(keyOf(() => assertCompletable(t, [])), undefined);
  });

  it('reports which parties are missing', () => {
    const t = withApproval(newTransfer(title(), 'P0001:T1', [C], key('9')), approval(A));
    try {
      assertCompletable(t, []);
      assert.fail('should throw');
    } catch (e) {
      assert.deepEqual(parseGovChainError((e as Error).message)?.details.missing, [B, C]);
    }
  });

  it('records a co-owner who stays an owner once, in both roles', () => {
    const t = withApproval(newTransfer(title(), 'P0001:T1', [B, C], key('9')), approval(B));
    assert.deepEqual(t.approvals[0]?.roles, ['seller', 'buyer']);
    assert.deepEqual(missingApprovals(t), [A, C]);
  });

  it('refuses approvals from non-parties and repeated approvals', () => {
    const t = newTransfer(title(), 'P0001:T1', [C], key('9'));
    assert.equal(keyOf(() => withApproval(t, approval(D))), 'RULE_VIOLATION');
    assert.equal(keyOf(() => withApproval(withApproval(t, approval(A)), approval(A))), 'DUPLICATE');
  });

  it('requires lender consent for every active encumbrance', () => {
    let t = newTransfer(title(), 'P0001:T1', [C], key('9'));
    for (const p of [A, B, C]) t = withApproval(t, approval(p));
    const active = ['P0001:E1', 'P0001:E2'];
    assert.equal(keyOf(() => assertCompletable(t, active)), 'CONSENT_REQUIRED');
    t = withLenderConsent(t, active, consent('P0001:E2'));
    assert.equal(keyOf(() => assertCompletable(t, active)), 'CONSENT_REQUIRED');
    t = withLenderConsent(t, active, consent('P0001:E1'));
    assert.equal(keyOf(() => assertCompletable(t, active)), undefined);
    assert.deepEqual(t.lenderConsents.map((c) => c.encumbranceId), active);
  });

  it('refuses consent for an inactive encumbrance or twice', () => {
    const t = newTransfer(title(), 'P0001:T1', [C], key('9'));
    assert.equal(keyOf(() => withLenderConsent(t, [], consent('P0001:E1'))), 'RULE_VIOLATION');
    const once = withLenderConsent(t, ['P0001:E1'], consent('P0001:E1'));
    assert.equal(keyOf(() => withLenderConsent(once, ['P0001:E1'], consent('P0001:E1'))), 'DUPLICATE');
  });

  it('locks a title with a pending transfer and refuses no-op transfers', () => {
    assert.equal(keyOf(() => assertCanPropose(title({ pendingTransferId: 'P0001:T1' }), [C])), 'INVALID_STATE');
    assert.equal(keyOf(() => assertCanPropose(title(), [B, A])), 'RULE_VIOLATION');
    assert.equal(keyOf(() => assertCanPropose(title(), [C])), undefined);
  });

  it('moves ownership to the buyers and closes the transfer once', () => {
    const t = newTransfer(title({ pendingTransferId: 'P0001:T1' }), 'P0001:T1', [D, C], key('9'));
    const after = titleAfterTransfer(title({ pendingTransferId: 'P0001:T1' }), t);
    assert.deepEqual(after.owners, [C, D]);
    assert.equal(after.pendingTransferId, null);
    const done = closedTransfer(t, 'completed');
    assert.equal(done.status, 'completed');
    assert.equal(keyOf(() => closedTransfer(done, 'cancelled')), 'INVALID_STATE');
    assert.equal(keyOf(() => withApproval(done, approval(A))), 'INVALID_STATE');
  });
});
