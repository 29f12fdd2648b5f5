import type { GovernanceConfig } from '../core/governance-config';
import { AuditEntry, isLookup } from './records';
import { SealResolver } from './sealing';

/** Who is reading audit entries, and at what (proposal) time. */
export interface Viewer {
  /** 'citizen': the subject's own log as the gateway shows it; 'auditor': a compliance officer. */
  view: 'citizen' | 'auditor';
  mspId: string;
  config: GovernanceConfig;
  now: string;
}

/**
 * While an entry is sealed, only compliance auditors of the dataset's owner and of the governance org see it;
 * the citizen, other orgs' auditors and every clerk do not. Entries without a recorded owner (written before
 * owners were recorded) are seen sealed by the governance org only.
 */
export function seesSealed(viewer: Viewer, entry: AuditEntry): boolean {
  if (viewer.view !== 'auditor') return false;
  return viewer.mspId === viewer.config.governanceMsp || (entry.datasetOwnerMsp !== undefined && viewer.mspId === entry.datasetOwnerMsp);
}

/** Whether the viewer may see the entry now: unsealed, released, or one of the privileged auditors. */
export async function isVisible(viewer: Viewer, seals: SealResolver, entry: AuditEntry): Promise<boolean> {
  if (isLookup(entry) || !entry.sealingOrderId || seesSealed(viewer, entry)) return true;
  return !(await seals.sealedAt(entry.sealingOrderId, viewer.now));
}
