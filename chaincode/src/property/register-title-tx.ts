import type { Context } from 'fabric-contract-api';
import { amendVersioned, createVersioned, parseJsonArg, submit } from '../core';
import { putIndexEntry } from './indexed-page';
import { applyPatch } from './patch';
import { protectPropertyKey, requirePropertyRegistrar } from './property-access';
import { PROPERTY_KEYS, TitleData, TitleRecord, titleRef } from './property-records';
import { amendTitleSchema, registerTitleSchema } from './schema';
import { sortedSet } from './transfer-rules';

/** Property:RegisterTitle(requestId, input) — a registrar of the property registrar org registers a title. */
export async function registerTitle(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(registerTitleSchema, raw, 'input');
  return submit(ctx, { txName: 'Property:RegisterTitle', requestId, input }, async (tx) => {
    const auth = await requirePropertyRegistrar(ctx);
    const ref = titleRef(ctx.stub, input.parcelNumber);
    const data: TitleData = {
      parcelNumber: input.parcelNumber,
      owners: sortedSet(input.owners),
      areaSqm: input.areaSqm,
      use: input.use,
      documentHash: input.documentHash,
      pendingTransferId: null,
      activeEncumbrances: [],
      transferCount: 0,
      encumbranceCount: 0,
    };
    const record = await createVersioned(tx, ref, data, input, 'title_registered');
    for (const owner of data.owners) await putIndexEntry(ctx.stub, PROPERTY_KEYS.titleByOwner, [owner], data.parcelNumber);
    await protectPropertyKey(tx, auth, ref.key, data);
    return record;
  });
}

/** Property:AmendTitle(requestId, input) — corrects area, use or document hash; never ownership. */
export async function amendTitle(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(amendTitleSchema, raw, 'input');
  return submit(ctx, { txName: 'Property:AmendTitle', requestId, input }, async (tx) => {
    const auth = await requirePropertyRegistrar(ctx);
    const ref = titleRef(ctx.stub, input.parcelNumber);
    const record: TitleRecord = await amendVersioned<TitleData>(tx, ref, (t) => applyPatch(t, input.changes), input, 'title_amended');
    await protectPropertyKey(tx, auth, ref.key, record);
    return record;
  });
}

