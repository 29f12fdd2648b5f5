import type { Context } from 'fabric-contract-api';
import { requireCaller } from '../core/access-guard';
import { parseWith } from '../core/args';
import { canonicalStringify } from '../core/canonical-json';
import { readGovernanceConfig } from '../core/governance-config';
import { historyPage } from '../core/history';
import { pageByPartialKey } from '../core/pagination';
import { RECORD_READER_ROLES, bookmarkSchema, mspIdSchema, pageSizeSchema } from '../core/schema';
import { readDataset } from './grant-check';
import { DATASET_TYPE, GRANT_TYPE, configRef, datasetRef, grantRef } from './records';
import { datasetIdSchema, grantRefSchema } from './schema';
import { z } from 'zod';
import { errors } from '../core/error-helpers';
import { getRecordOrThrow } from '../core/state';

/** Governance data holds no personal data: any identified operator of any org may read it. */
const anyOperator = { roles: RECORD_READER_ROLES, orgs: 'any' } as const;

function page(pageSize: string, bookmark: string) {
  return { size: parseWith(pageSizeSchema, pageSize, 'pageSize'), bookmark: parseWith(bookmarkSchema, bookmark, 'bookmark') };
}

export async function getConfig(ctx: Context): Promise<string> {
  await requireCaller(ctx, anyOperator);
  return canonicalStringify(await readGovernanceConfig(ctx.stub));
}

export async function getDataset(ctx: Context, dataset: string): Promise<string> {
  await requireCaller(ctx, anyOperator);
  return canonicalStringify(await readDataset(ctx.stub, parseWith(datasetIdSchema, dataset, 'dataset')));
}

export async function listDatasets(ctx: Context, pageSize: string, bookmark: string): Promise<string> {
  await requireCaller(ctx, anyOperator);
  const p = page(pageSize, bookmark);
  return canonicalStringify(await pageByPartialKey(ctx.stub, DATASET_TYPE, [], p.size, p.bookmark));
}

export async function getGrant(ctx: Context, requesterMsp: string, dataset: string, purpose: string): Promise<string> {
  await requireCaller(ctx, anyOperator);
  const ref = grantRef(ctx.stub, parseWith(grantRefSchema, { requesterMsp, dataset, purpose }, 'grant'));
  return canonicalStringify(await getRecordOrThrow(ctx.stub, ref.key, { family: 'grant', id: ref.id }));
}

/** Grants, optionally only those of one requesting org ('' for all). */
export async function listGrants(ctx: Context, requesterMsp: string, pageSize: string, bookmark: string): Promise<string> {
  await requireCaller(ctx, anyOperator);
  const p = page(pageSize, bookmark);
  const attrs = requesterMsp === '' ? [] : [parseWith(mspIdSchema, requesterMsp, 'requesterMsp')];
  return canonicalStringify(await pageByPartialKey(ctx.stub, GRANT_TYPE, attrs, p.size, p.bookmark));
}

const historyKindSchema = z.enum(['config', 'dataset', 'grant']);

/**
 * Versions of a governance record, newest first. `id`: '' for config, the dataset name, or the grant id
 * `<requesterMsp>/<dataset>/<purpose>`.
 */
export async function history(ctx: Context, kind: string, id: string, pageSize: string, bookmark: string): Promise<string> {
  await requireCaller(ctx, anyOperator);
  const p = page(pageSize, bookmark);
  const k = parseWith(historyKindSchema, kind, 'kind');
  let key = configRef.key;
  if (k === 'dataset') key = datasetRef(ctx.stub, parseWith(datasetIdSchema, id, 'id')).key;
  if (k === 'grant') {
    const [requesterMsp, dataset, purpose, extra] = id.split('/');
    if (extra !== undefined) throw errors.invalidArgument('grant id is <requesterMsp>/<dataset>/<purpose>', { id });
    key = grantRef(ctx.stub, parseWith(grantRefSchema, { requesterMsp, dataset, purpose }, 'id')).key;
  }
  return canonicalStringify(await historyPage(ctx.stub, key, p.size, p.bookmark));
}
