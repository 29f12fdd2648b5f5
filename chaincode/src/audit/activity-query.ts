/**
 * Audit:Activity — the entries of a time window in time order, projected to what activity charts and anomaly
 * flags need (who, which org, when, which subject or lookup pseudonym, which dataset). One page reads at most
 * ACTIVITY_PAGE entries of the time index; the gateway aggregates a bounded number of pages.
 */
import type { Context } from 'fabric-contract-api';
import { parseJsonArg } from '../core/args';
import { canonicalStringify } from '../core/canonical-json';
import { isLookup } from './records';
import { openPosition, scanParts, sealPosition, timeWindow } from './index-window';
import { activitySchema } from './insight-schema';
import { insightViewer } from './insight-viewer';

/** Index entries one activity page reads. */
export const ACTIVITY_PAGE = 500;

/** The projection of one entry. */
export interface ActivityItem {
  accessId: string;
  kind: 'access' | 'lookup';
  at: string;
  accessorMsp: string;
  accessorOperatorId: string;
  /** The subject key of an access; the pseudonym (subjectRef) of a lookup, which never names the subject. */
  subject: string;
  dataset: string;
}

/** Audit:Activity(input JSON) for auditors of member orgs. */
export async function activityPage(ctx: Context, raw: string): Promise<string> {
  const viewer = await insightViewer(ctx);
  const input = parseJsonArg(activitySchema, raw, 'input');
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
  return canonicalStringify({ records, bookmark: sealPosition(query, parts, scan.next), withheld, cost: { read: scan.read, pages: scan.pages } });
}
