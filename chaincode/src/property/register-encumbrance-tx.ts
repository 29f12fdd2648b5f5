import type { Context } from 'fabric-contract-api';
import { amendVersioned, createVersioned, errors, parseJsonArg, readGovernanceConfig, readVersioned, submit } from '../core';
import { putIndexEntry } from './indexed-page';
import { protectPropertyKey, requireLenderSide } from './property-access';
import { EncumbranceData, PROPERTY_KEYS, TitleData, encumbranceIdOf, encumbranceRef, titleRef } from './property-records';
import { registerEncumbranceSchema, releaseEncumbranceSchema } from './schema';

/**
 * Property:RegisterEncumbrance(requestId, input) — registers a mortgage, lien or seizure on a title.
 * A lender org on the channel (lenderMsp) registers it itself and joins the title's key-level policy;
 * without lenderMsp the property registrar registers it on the lender's behalf.
 */
export async function registerEncumbrance(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(registerEncumbranceSchema, raw, 'input');
  return submit(ctx, { txName: 'Property:RegisterEncumbrance', requestId, input }, async (tx) => {
    const lenderMsp = input.lenderMsp ?? null;
    if (lenderMsp !== null) await assertLenderOnChannel(ctx, lenderMsp);
    const auth = await requireLenderSide(ctx, lenderMsp);
    const tRef = titleRef(ctx.stub, input.parcelNumber);
    const current = await readVersioned<TitleData>(tx, tRef);
    const n = current.encumbranceCount + 1;
    const encumbranceId = encumbranceIdOf(current.parcelNumber, n);
    const eRef = encumbranceRef(ctx.stub, encumbranceId);
    const data: EncumbranceData = {
      encumbranceId, parcelNumber: current.parcelNumber, kind: input.kind, lenderCode: input.lenderCode, lenderMsp,
      instrumentHash: input.instrumentHash, status: 'active', releaseEvidenceHash: null,
    };
    const encumbrance = await createVersioned(tx, eRef, data, input, 'encumbrance_registered');
    const title = await amendVersioned<TitleData>(tx, tRef, (t) => ({
      ...t,
      encumbranceCount: n,
      activeEncumbrances: [...t.activeEncumbrances, { encumbranceId, lenderMsp }].sort((a, b) => (a.encumbranceId < b.encumbranceId ? -1 : 1)),
    }), input, 'encumbered');
    await putIndexEntry(ctx.stub, PROPERTY_KEYS.encumbranceByParcel, [current.parcelNumber], encumbranceId);
    await protectPropertyKey(tx, auth, eRef.key, title);
    await protectPropertyKey(tx, auth, tRef.key, title);
    return { encumbrance, title };
  });
}

/**
 * Property:ReleaseEncumbrance(requestId, input) — releases an active encumbrance; the lender leaves the
 * title's key-level policy unless it holds another active encumbrance on it.
 */
export async function releaseEncumbrance(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(releaseEncumbranceSchema, raw, 'input');
  return submit(ctx, { txName: 'Property:ReleaseEncumbrance', requestId, input }, async (tx) => {
    const eRef = encumbranceRef(ctx.stub, input.encumbranceId);
    const current = await readVersioned<EncumbranceData>(tx, eRef);
    const auth = await requireLenderSide(ctx, current.lenderMsp);
    if (current.status !== 'active') {
      throw errors.invalidState('encumbrance is already released', { encumbranceId: input.encumbranceId });
    }
    const encumbrance = await amendVersioned<EncumbranceData>(tx, eRef, (e) => ({ ...e, status: 'released', releaseEvidenceHash: input.evidenceHash }), input, 'encumbrance_released');
    const tRef = titleRef(ctx.stub, current.parcelNumber);
    const title = await amendVersioned<TitleData>(tx, tRef, (t) => ({
      ...t, activeEncumbrances: t.activeEncumbrances.filter((e) => e.encumbranceId !== input.encumbranceId),
    }), input, 'encumbrance_released');
    // The released record keeps the policy it had, so it stays as well protected as while it was active.
    await protectPropertyKey(tx, auth, tRef.key, title);
    return { encumbrance, title };
  });
}

/** A lender MSP must be a member org other than the registrar, or it could never endorse. */
async function assertLenderOnChannel(ctx: Context, lenderMsp: string): Promise<void> {
  const config = await readGovernanceConfig(ctx.stub);
  if (!config.members.includes(lenderMsp) || config.registrars.property === lenderMsp) {
    throw errors.ruleViolation('lenderMsp must be a member org of the channel other than the property registrar', { lenderMsp });
  }
}
