import type { ChaincodeStub } from 'fabric-shim';
import { Governance } from '../api/governance';
import { type GovernanceConfig, type Versioned, errors, getRecordOrThrow, historyPage, implement, pageByPartialKey, parseWith, readAnchoredRecord, readGovernanceConfig, requireCaller } from '../core';
import { ANY_READER } from './access';
import { type DatasetRecord, type GrantRecord, GOVERNANCE_KEYS, configRef, datasetRef, grantRef } from './records';
import { type GrantRef, datasetIdSchema, grantRefSchema } from './schema';

/** Reads a catalogue entry (anchored by the governance org) or throws RECORD_NOT_FOUND. */
export async function readDataset(stub: ChaincodeStub, dataset: string): Promise<Versioned<DatasetRecord>> {
  const entry = await readAnchoredRecord<Versioned<DatasetRecord>>(stub, datasetRef(stub, dataset));
  if (!entry) throw errors.recordNotFound(`dataset ${dataset} not in the catalogue`, { dataset });
  return entry;
}

/** Reads a grant and its ref, or throws RECORD_NOT_FOUND. */
export async function loadGrant(stub: ChaincodeStub, input: GrantRef) {
  const ref = grantRef(stub, input);
  const grant = await getRecordOrThrow<Versioned<GrantRecord>>(stub, ref.key, { family: 'grant', id: ref.id });
  return { grant, ref };
}

/** Governance:GetConfig: registrars, members and sealing orgs. */
export const getConfig = implement(Governance.tx.GetConfig, async (ctx) => {
  await requireCaller(ctx, ANY_READER);
  // The config record is stored versioned; readGovernanceConfig types only what access rules read.
  return (await readGovernanceConfig(ctx.stub)) as Versioned<GovernanceConfig>;
});

/** Governance:GetDataset: one catalogue entry. */
export const getDataset = implement(Governance.tx.GetDataset, async (ctx, dataset) => {
  await requireCaller(ctx, ANY_READER);
  return readDataset(ctx.stub, dataset);
});

/** Governance:ListDatasets: the catalogue. */
export const listDatasets = implement(Governance.tx.ListDatasets, async (ctx, pageSize, bookmark) => {
  await requireCaller(ctx, ANY_READER);
  return pageByPartialKey<Versioned<DatasetRecord>>(ctx.stub, GOVERNANCE_KEYS.dataset, [], pageSize, bookmark);
});

/** Governance:GetGrant: one sharing grant. */
export const getGrant = implement(Governance.tx.GetGrant, async (ctx, requesterMsp, dataset, purpose) => {
  await requireCaller(ctx, ANY_READER);
  const ref = grantRef(ctx.stub, { requesterMsp, dataset, purpose });
  return getRecordOrThrow<Versioned<GrantRecord>>(ctx.stub, ref.key, { family: 'grant', id: ref.id });
});

/** Governance:ListGrants: grants, optionally only those of one requesting org ('' for all). */
export const listGrants = implement(Governance.tx.ListGrants, async (ctx, requesterMsp, pageSize, bookmark) => {
  await requireCaller(ctx, ANY_READER);
  return pageByPartialKey<Versioned<GrantRecord>>(ctx.stub, GOVERNANCE_KEYS.grant, requesterMsp === '' ? [] : [requesterMsp], pageSize, bookmark);
});

/**
 * Governance:History: versions of a governance record, newest first. `id`: '' for config, the dataset name, or
 * the grant id `<requesterMsp>/<dataset>/<purpose>`.
 */
export const history = implement(Governance.tx.History, async (ctx, kind, id, pageSize, bookmark) => {
  await requireCaller(ctx, ANY_READER);
  let key = configRef.key;
  if (kind === 'dataset') key = datasetRef(ctx.stub, parseWith(datasetIdSchema, id, 'id')).key;
  if (kind === 'grant') {
    const [requesterMsp, dataset, purpose, extra] = id.split('/');
    if (extra !== undefined) throw errors.invalidArgument('grant id is <requesterMsp>/<dataset>/<purpose>', { id });
    key = grantRef(ctx.stub, parseWith(grantRefSchema, { requesterMsp, dataset, purpose }, 'id')).key;
  }
  return historyPage<Versioned<GovernanceConfig> | Versioned<DatasetRecord> | Versioned<GrantRecord>>(ctx.stub, key, pageSize, bookmark);
});
