import type { Context } from 'fabric-contract-api';
import { requireCallerWithConfig } from '../core/access-guard';
import { parseJsonArg } from '../core/args';
import { errors } from '../core/error-helpers';
import { getRecord } from '../core/state';
import { submit } from '../core/submit';
import { amendVersioned, createVersioned } from '../core/versioned';
import { protectGovernanceKey } from './policy';
import { DatasetRecord, datasetRef } from './records';
import { datasetSchema } from './schema';

/** Governance:PutDataset: creates a catalogue entry, or amends it (new version) when it exists. */
export async function putDataset(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(datasetSchema, raw, 'input');
  return submit(ctx, { txName: 'Governance:PutDataset', requestId, input }, async (tx) => {
    const { config } = await requireCallerWithConfig(ctx, { roles: ['admin'], orgs: 'governance' });
    if (!config.members.includes(input.ownerMsp)) throw errors.ruleViolation('dataset owner must be a member org', { ownerMsp: input.ownerMsp });
    const { reason, legalAuthority, ...data } = input;
    const entry: DatasetRecord = data;
    const ref = datasetRef(ctx.stub, input.dataset);
    if (await getRecord(ctx.stub, ref.key)) {
      return amendVersioned<DatasetRecord>(tx, ref, () => entry, { reason, legalAuthority }, 'amended');
    }
    const record = await createVersioned(tx, ref, entry, { reason, legalAuthority }, 'created');
    await protectGovernanceKey(ctx.stub, ref.key, config);
    return record;
  });
}
