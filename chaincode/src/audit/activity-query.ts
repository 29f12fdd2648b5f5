/**
 * Audit:Activity — the entries of a time window in time order, projected to what activity charts and anomaly
 * flags need (who, which org, when, which subject, which dataset). One page reads at most ACTIVITY_PAGE entries of
 * the time index; the gateway aggregates a bounded number of pages.
 */
import type { Context } from 'fabric-contract-api';
import { requireCaller } from '../core/access-guard';
import { parseJsonArg } from '../core/args';
import { canonicalStringify } from '../core/canonical-json';
import { txTimeIso } from '../core/tx-time';
import { encodeBookmark, scanWindow, startKey, timeWindow } from './index-window';
import { activitySchema } from './insight-schema';
import { auditorVisibility } from './visibility';

/** Index entries one activity page reads. */
export const ACTIVITY_PAGE = 500;

/** The projection of one entry. */
export interface ActivityItem {
  accessId: string;
  at: string;
  accessorMsp: string;
  accessorOperatorId: string;
  subjectKey: string;
  dataset: string;
}

/** Audit:Activity(input JSON) for auditors of member orgs. */
export async function activityPage(ctx: Context, raw: string): Promise<string> {
  const { caller, config } = await requireCaller(ctx, { roles: ['auditor'], orgs: 'member' });
  const input = parseJsonArg(activitySchema, raw, 'input');
  const w = timeWindow(input.from, input.to);
  const visibility = auditorVisibility(ctx.stub, caller, config!, txTimeIso(ctx.stub));
  const records: ActivityItem[] = [];
  let withheld = 0;
  const scan = await scanWindow(ctx.stub, w, startKey(w, input.bookmark), ACTIVITY_PAGE, async (e) => {
    if (!(await visibility.sees(e))) withheld++;
    else records.push({ accessId: e.accessId, at: e.at, accessorMsp: e.accessorMsp, accessorOperatorId: e.accessorOperatorId, subjectKey: e.subjectKey, dataset: e.dataset });
    return true;
  });
  return canonicalStringify({ records, bookmark: encodeBookmark(scan.next), withheld, cost: { read: scan.read, pages: scan.pages } });
}
