import type { Context } from 'fabric-contract-api';
import { Property } from '../api/property';
import { addChild, errors, implementSubmit, readGovernanceConfig } from '../core';
import { protectPropertyKey, requireLenderSide } from './access';
import { type EncumbranceData, PROPERTY_KEYS, type TitleData, encumbranceIdOf, encumbranceRef, titleRef } from './records';

/**
 * Property:RegisterEncumbrance: registers a mortgage, lien or seizure on a title. A lender org on the channel
 * (lenderMsp) registers it itself and joins the title's key-level policy; without lenderMsp the property
 * registrar registers it on the lender's behalf.
 */
export const registerEncumbrance = implementSubmit(Property.tx.RegisterEncumbrance, async (tx, input) => {
  const lenderMsp = input.lenderMsp ?? null;
  if (lenderMsp !== null) await assertLenderOnChannel(tx.ctx, lenderMsp);
  const auth = await requireLenderSide(tx.ctx, lenderMsp);
  const { child: encumbrance, parent: title } = await addChild<TitleData, EncumbranceData>(tx, {
    parent: titleRef(tx.stub, input.parcelNumber),
    counter: 'encumbranceCount',
    childRef: (t, n) => encumbranceRef(tx.stub, encumbranceIdOf(t.parcelNumber, n)),
    child: (t, encumbranceId) => ({
      encumbranceId, parcelNumber: t.parcelNumber, kind: input.kind, lenderCode: input.lenderCode, lenderMsp,
      instrumentHash: input.instrumentHash, status: 'active', releaseEvidenceHash: null,
    }),
    parentChange: (t, encumbranceId) => ({
      ...t, activeEncumbrances: [...t.activeEncumbrances, { encumbranceId, lenderMsp }].sort((a, b) => (a.encumbranceId < b.encumbranceId ? -1 : 1)),
    }),
    index: PROPERTY_KEYS.encumbranceByParcel,
    amendment: input,
    actions: { child: 'encumbrance_registered', parent: 'encumbered' },
    protect: (key, t) => protectPropertyKey(tx, auth, key, t),
  });
  return { encumbrance, title };
});

/** A lender MSP must be a member org other than the registrar, or it could never endorse. */
async function assertLenderOnChannel(ctx: Context, lenderMsp: string): Promise<void> {
  const config = await readGovernanceConfig(ctx.stub);
  if (!config.members.includes(lenderMsp) || config.registrars.property === lenderMsp) {
    throw errors.ruleViolation('lenderMsp must be a member org of the channel other than the property registrar', { lenderMsp });
  }
}
