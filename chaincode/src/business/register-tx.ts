import type { Context } from 'fabric-contract-api';
import {
  Tx, amendVersioned, createVersioned, errors, parseJsonArg, readVersioned, registrarPlusOne, requireCaller, setKeyPolicy, submit,
} from '../core';
import { deleteIndexEntry, putIndexEntry } from '../property/indexed-page';
import { applyPatch } from '../property/patch';
import { BUSINESS_KEYS, BusinessData, businessRef } from './business-records';
import { StatusAction, STATUS_ACTIONS, assertAmendable, nextStatus } from './business-status';
import { assertActiveIdentity } from './legal-representative';
import { amendBusinessSchema, businessStatusChangeSchema, registerBusinessSchema } from './schema';

/** Every business write: a registrar of the business registrar org (MarketRegulationMSP by default). */
async function requireBusinessRegistrar(ctx: Context) {
  const { caller, config } = await requireCaller(ctx, { roles: ['registrar'], orgs: 'registrarOf:business' });
  // 'registrarOf:' rules always return the config; the guard keeps the type honest.
  if (!config) throw errors.configMissing('governance not bootstrapped', {});
  return { caller, config };
}

/** Key-level policy of a business key: the registrar's peer AND one other department's peer. */
async function protect(tx: Tx, registrarMsp: string, members: readonly string[], key: string): Promise<void> {
  await setKeyPolicy(tx.stub, key, registrarPlusOne(registrarMsp, members));
}

/**
 * Business:Register(requestId, input) — registers a business under its (validated) unified social credit
 * code; the legal representative must be an active identity. Duplicate code -> DUPLICATE.
 */
export async function registerBusiness(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(registerBusinessSchema, raw, 'input');
  return submit(ctx, { txName: 'Business:Register', requestId, input }, async (tx) => {
    const { caller, config } = await requireBusinessRegistrar(ctx);
    await assertActiveIdentity(ctx.stub, input.legalRepresentative);
    const ref = businessRef(ctx.stub, input.code);
    const { reason, legalAuthority, ...fields } = input;
    const data: BusinessData = { ...fields, status: 'active', registrarMsp: caller.mspId };
    const record = await createVersioned(tx, ref, data, { reason, legalAuthority }, 'registered');
    await putIndexEntry(ctx.stub, BUSINESS_KEYS.byLegalRepresentative, [data.legalRepresentative], data.code);
    await protect(tx, caller.mspId, config.members, ref.key);
    return record;
  });
}

/**
 * Business:Amend(requestId, input) — changes register fields as a new version with reason and legal
 * authority; a new legal representative must be an active identity, and the index follows it.
 */
export async function amendBusiness(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(amendBusinessSchema, raw, 'input');
  return submit(ctx, { txName: 'Business:Amend', requestId, input }, async (tx) => {
    const { caller, config } = await requireBusinessRegistrar(ctx);
    const ref = businessRef(ctx.stub, input.code);
    const current = await readVersioned<BusinessData>(tx, ref);
    assertAmendable(current.code, current.status);
    const newRep = input.changes.legalRepresentative;
    if (newRep !== undefined && newRep !== current.legalRepresentative) {
      await assertActiveIdentity(ctx.stub, newRep);
      await deleteIndexEntry(ctx.stub, BUSINESS_KEYS.byLegalRepresentative, [current.legalRepresentative], current.code);
      await putIndexEntry(ctx.stub, BUSINESS_KEYS.byLegalRepresentative, [newRep], current.code);
    }
    const record = await amendVersioned<BusinessData>(tx, ref, (b) => applyPatch(b, input.changes), input, 'amended');
    await protect(tx, caller.mspId, config.members, ref.key);
    return record;
  });
}

/** Business:Suspend / Reinstate / Deregister(requestId, input) — a status change per {@link STATUS_ACTIONS}. */
export async function changeBusinessStatus(ctx: Context, action: StatusAction, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(businessStatusChangeSchema, raw, 'input');
  const txName = `Business:${action.charAt(0).toUpperCase()}${action.slice(1)}`;
  return submit(ctx, { txName, requestId, input }, async (tx) => {
    const { caller, config } = await requireBusinessRegistrar(ctx);
    const ref = businessRef(ctx.stub, input.code);
    const record = await amendVersioned<BusinessData>(tx, ref, (b) => ({ ...b, status: nextStatus(b.code, b.status, action) }), input, STATUS_ACTIONS[action].event);
    await protect(tx, caller.mspId, config.members, ref.key);
    return record;
  });
}
