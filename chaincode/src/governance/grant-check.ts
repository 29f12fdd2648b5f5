import type { ChaincodeStub } from 'fabric-shim';
import { errors } from '../core/error-helpers';
import { getRecord } from '../core/state';
import { Versioned } from '../core/versioned';
import { DatasetRecord, GrantRecord, datasetRef, grantRef } from './records';
import { GrantRef } from './schema';

/** Reads a catalogue entry or throws RECORD_NOT_FOUND. */
export async function readDataset(stub: ChaincodeStub, dataset: string): Promise<Versioned<DatasetRecord>> {
  const entry = await getRecord<Versioned<DatasetRecord>>(stub, datasetRef(stub, dataset).key);
  if (!entry) throw errors.recordNotFound(`dataset ${dataset} not in the catalogue`, { dataset });
  return entry;
}

/**
 * Returns the grant for (requester, dataset, purpose) if it is approved and unexpired at `now`;
 * otherwise throws GRANT_REQUIRED, saying why in details.status.
 */
export async function requireEffectiveGrant(stub: ChaincodeStub, ref: GrantRef, now: string): Promise<Versioned<GrantRecord>> {
  const grant = await getRecord<Versioned<GrantRecord>>(stub, grantRef(stub, ref).key);
  const status = !grant ? 'none' : grant.status !== 'approved' ? grant.status : grant.expiresAt <= now ? 'expired' : 'effective';
  if (!grant || status !== 'effective') throw errors.grantRequired('no approved, unexpired grant for this org, dataset and purpose', { ...ref, status });
  return grant;
}
