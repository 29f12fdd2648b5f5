/**
 * Audit:Activity — the entries of a time window in time order, projected to what activity charts and anomaly
 * flags need (who, which org, when, which subject or lookup pseudonym, which dataset). One page reads at most
 * ACTIVITY_PAGE entries of the time index; the gateway aggregates a bounded number of pages.
 */
import { Audit } from '../api/audit';
import { implement } from '../core';
import { isLookup } from './records';
import { openPosition, scanParts, sealPosition, timeWindow } from './index-window';
import type { ActivityInput, ActivityItem } from './schema';

export type { ActivityItem };
import { insightViewer } from './insight-viewer';

/** Index entries one activity page reads. */
export const ACTIVITY_PAGE = 500;

/** Audit:Activity(input JSON) for auditors of member orgs. */
export const activity = implement(Audit.tx.Activity, async (ctx, raw) => {
  const viewer = await insightViewer(ctx);
  const input = raw as ActivityInput;
  const parts = [timeWindow(input.from, input.to)];
  const query = `Audit:Activity:auditor:${viewer.mspId}`;
  const records: ActivityItem[] = [];
  let withheld = 0;
  const scan = await scanParts(ctx.stub, parts, openPosition(query, parts, input.bookmark), ACTIVITY_PAGE, async (e, copy) => {
    const verdict = await viewer.judge(e, copy);
    if (verdict === 'withheld') withheld++;
    if (verdict !== 'show') return true;
    records.push({
      accessId: e.accessId, kind: isLookup(e) ? 'lookup' : 'access', at: e.at, accessorMsp: e.accessorMsp, accessorOperatorId: e.accessorOperatorId,
      subject: isLookup(e) ? e.subjectRef : e.subjectKey, dataset: e.dataset,
    });
    return true;
  });
  return { records, bookmark: sealPosition(query, parts, scan.next), withheld, cost: { read: scan.read, pages: scan.pages } };
});
