/**
 * How the insight queries (search, leak tracing, activity) judge each stored copy they read, with the rules of the
 * accountability core: a copy not anchored by its accessor org, or planted under a key it does not belong to, is
 * skipped as forged; an entry under a running sealing order is withheld from auditors outside the dataset owner and
 * the governance org (rules.ts).
 */
import type { Context } from 'fabric-contract-api';
import { requireCallerWithConfig, txTimeIso } from '../core';
import { AUDITOR } from './access';
import { isGenuineEntry } from './entries';
import type { AuditEntry } from './records';
import { SealResolver } from './sealing';
import type { StoredCopy } from './index-window';
import { type Viewer, isVisible } from './rules';

/** What the caller gets to see of one copy. */
export type Verdict = 'show' | 'withheld' | 'forged';

/** An auditor reading the insight queries. */
export interface InsightViewer {
  /** The caller's org: bookmarks are bound to it, because auditor views differ per org. */
  mspId: string;
  judge(e: AuditEntry, copy: StoredCopy): Promise<Verdict>;
}

/** Checks the caller is an auditor of a member org and returns how it judges copies. */
export async function insightViewer(ctx: Context): Promise<InsightViewer> {
  const { caller, config } = await requireCallerWithConfig(ctx, AUDITOR);
  const viewer: Viewer = { view: 'auditor', mspId: caller.mspId, config, now: txTimeIso(ctx.stub) };
  const seals = new SealResolver(ctx.stub, config);
  return {
    mspId: caller.mspId,
    judge: async (e, copy) => {
      if (!(await isGenuineEntry(ctx.stub, copy.key, copy.bytes, e))) return 'forged';
      return (await isVisible(viewer, seals, e)) ? 'show' : 'withheld';
    },
  };
}
