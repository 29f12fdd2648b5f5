/**
 * Which audit entries an auditor may see. A sealed entry (sealedUntil after this proposal's time) is shown only to
 * the auditors of the dataset's owner org and of the governance org; other auditors get a count of withheld
 * entries. Kept in one place so the sealing-order rules can replace it without touching the queries.
 */
import type { ChaincodeStub } from 'fabric-shim';
import type { Caller } from '../core/caller';
import type { GovernanceConfig } from '../core/governance-config';
import { getRecord } from '../core/state';
import { datasetRef, DatasetRecord } from '../governance/records';
import type { AccessEntry } from './records';

/** Decides, per entry, whether the calling auditor sees it (dataset owners cached per call). */
export interface Visibility {
  sees(entry: AccessEntry): Promise<boolean>;
}

/** Is the entry sealed at `now`? */
export const isSealed = (e: AccessEntry, now: string): boolean => !!e.sealedUntil && Date.parse(e.sealedUntil) > Date.parse(now);

/** The visibility rule for one auditor at the proposal's time. */
export function auditorVisibility(stub: ChaincodeStub, caller: Caller, config: GovernanceConfig, now: string): Visibility {
  const owners = new Map<string, string | undefined>();
  const ownerOf = async (dataset: string): Promise<string | undefined> => {
    if (!owners.has(dataset)) owners.set(dataset, (await getRecord<DatasetRecord>(stub, datasetRef(stub, dataset).key))?.ownerMsp);
    return owners.get(dataset);
  };
  return {
    sees: async (e) => !isSealed(e, now) || caller.mspId === config.governanceMsp || caller.mspId === (await ownerOf(e.dataset)),
  };
}
