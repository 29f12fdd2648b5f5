import type { Context } from 'fabric-contract-api';
import { requireCaller, requireCallerWithConfig } from '../core/access-guard';
import { putAnchor } from '../core/anchors';
import { parseJsonArg, parseWith } from '../core/args';
import { callerLabel } from '../core/caller';
import { canonicalBytes, canonicalStringify } from '../core/canonical-json';
import { errors } from '../core/error-helpers';
import { GovernanceConfig, readGovernanceConfig } from '../core/governance-config';
import { submit } from '../core/submit';
import { Tx } from '../core/tx';
import { txTimeIso } from '../core/tx-time';
import { readIdentity } from '../identity/records';
import { endSealingOrderSchema, issueSealingOrderSchema, IssueSealingOrderInput, sealingOrderIdSchema } from './schema';
import {
  SealingEnd, SealingExtension, SealingOrder, endKey, extensionKey, oneYearAfter, orderKey, readExtension, readOrder, sealState,
} from './sealing';
import { writeOnce } from './write-once';

/** Sealing orders are issued and ended by investigators of the orgs the governance config lets seal. */
async function requireSealingAuthority(ctx: Context): Promise<{ config: GovernanceConfig }> {
  const { caller, config } = await requireCallerWithConfig(ctx, { roles: ['investigator'], orgs: 'member' });
  const allowed = config.sealingOrgs ?? [];
  if (!allowed.includes(caller.mspId)) throw errors.forbiddenOrg(`org ${caller.mspId} may not issue sealing orders`, { mspId: caller.mspId, allowed });
  return { config };
}

/**
 * Audit:IssueSealingOrder: an investigator of a sealing org orders that the accesses of one org for one case
 * about one subject be withheld from the subject's log until `endsAt`, at most one year from now. With
 * `extendsOrderId` it extends a running order of the same org, subject, case and accessor org (each order at
 * most once). The order is written once (every department's peer to change it) and anchored by the issuer's
 * org. It emits no event: a sealing order must not be announced on the event stream.
 */
export async function issueSealingOrder(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(issueSealingOrderSchema, raw, 'input');
  return submit(ctx, { txName: 'Audit:IssueSealingOrder', requestId, input }, async (tx) => {
    const { config } = await requireSealingAuthority(ctx);
    if (!config.members.includes(input.accessorMsp)) throw errors.ruleViolation('accessorMsp must be a member org', { accessorMsp: input.accessorMsp });
    if (input.endsAt <= tx.now) throw errors.ruleViolation('endsAt must be in the future', { endsAt: input.endsAt });
    const latest = oneYearAfter(tx.now);
    if (input.endsAt > latest) throw errors.ruleViolation('a sealing order runs at most one year; extend it later with a new order', { endsAt: input.endsAt, latest });
    if (!(await readIdentity(ctx.stub, input.subjectKey))) throw errors.recordNotFound('no identity for this subject key', { subjectKey: input.subjectKey });
    const put = writeOnce(ctx.stub, config.members);
    if (input.extendsOrderId) await extend(tx, config, input, put);
    const order: SealingOrder = {
      orderId: tx.txId, caseId: input.caseId, subjectKey: input.subjectKey, accessorMsp: input.accessorMsp, legalAuthority: input.legalAuthority,
      reason: input.reason, issuerMsp: tx.caller.mspId, issuedBy: callerLabel(tx.caller), issuedAt: tx.now, endsAt: input.endsAt,
      extendsOrderId: input.extendsOrderId ?? null,
    };
    const bytes = canonicalBytes(order);
    await put(orderKey(ctx.stub, order.orderId), bytes);
    await putAnchor(ctx.stub, order.issuerMsp, orderKey(ctx.stub, order.orderId), bytes);
    return order;
  });
}

/** Checks an extension and writes the old order's pointer to it. */
async function extend(tx: Tx, config: GovernanceConfig, input: IssueSealingOrderInput, put: ReturnType<typeof writeOnce>): Promise<void> {
  const oldId = input.extendsOrderId as string;
  const old = await readOrder(tx.stub, config, oldId);
  if (!old) throw errors.recordNotFound('no sealing order with this id', { sealingOrderId: oldId });
  if (old.issuerMsp !== tx.caller.mspId) throw errors.forbiddenOrg('only the issuing org extends its order', { sealingOrderId: oldId });
  if (old.subjectKey !== input.subjectKey || old.caseId !== input.caseId || old.accessorMsp !== input.accessorMsp) {
    throw errors.ruleViolation('an extension covers the same subject, case and accessor org', { sealingOrderId: oldId });
  }
  const state = await sealState(tx.stub, config, oldId);
  if (state.current?.orderId !== oldId) throw errors.duplicate('this order is already extended', { sealingOrderId: oldId, extendedBy: state.current?.orderId });
  if (state.ended || (state.releasesAt ?? '') <= tx.now) throw errors.invalidState('the order has ended; issue a new order instead', { sealingOrderId: oldId });
  if (input.endsAt <= old.endsAt) throw errors.ruleViolation('an extension must end later than the order it extends', { endsAt: input.endsAt, current: old.endsAt });
  const pointer: SealingExtension = { orderId: oldId, extendedBy: tx.txId };
  await put(extensionKey(tx.stub, oldId), canonicalBytes(pointer));
}

/**
 * Audit:EndSealingOrder: the issuer of a running order ends it early; the accesses citing it appear in the
 * subject's log at once. An extended order is ended through the order that extends it.
 */
export async function endSealingOrder(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(endSealingOrderSchema, raw, 'input');
  return submit(ctx, { txName: 'Audit:EndSealingOrder', requestId, input }, async (tx) => {
    const { config } = await requireSealingAuthority(ctx);
    const order = await readOrder(ctx.stub, config, input.orderId);
    if (!order) throw errors.recordNotFound('no sealing order with this id', { sealingOrderId: input.orderId });
    if (order.issuedBy !== callerLabel(tx.caller)) throw errors.accessDenied('only the issuer ends a sealing order', { sealingOrderId: input.orderId });
    if (await readExtension(ctx.stub, config, order)) throw errors.invalidState('the order is extended; end the order that extends it', { sealingOrderId: input.orderId });
    const state = await sealState(ctx.stub, config, input.orderId);
    if (state.ended || (state.releasesAt ?? '') <= tx.now) throw errors.invalidState('the order has already ended', { sealingOrderId: input.orderId, releasesAt: state.releasesAt });
    const end: SealingEnd = { orderId: order.orderId, endedAt: tx.now, endedBy: callerLabel(tx.caller), reason: input.reason, txId: tx.txId };
    const bytes = canonicalBytes(end);
    await writeOnce(ctx.stub, config.members)(endKey(ctx.stub, order.orderId), bytes);
    await putAnchor(ctx.stub, order.issuerMsp, endKey(ctx.stub, order.orderId), bytes);
    return end;
  });
}

/**
 * Audit:GetSealingOrder (evaluate): an order and where its chain stands. For investigators of the issuing org
 * and auditors of the issuing org and of the governance org; RECORD_NOT_FOUND for everyone else, so an
 * order's existence is not revealed.
 */
export async function getSealingOrder(ctx: Context, orderId: string): Promise<string> {
  const { caller } = await requireCaller(ctx, { roles: ['investigator', 'auditor'], orgs: 'member' });
  const id = parseWith(sealingOrderIdSchema, orderId, 'orderId');
  const config = await readGovernanceConfig(ctx.stub);
  const order = await readOrder(ctx.stub, config, id);
  const mayRead = !!order && (caller.mspId === order.issuerMsp || (caller.role === 'auditor' && caller.mspId === config.governanceMsp));
  if (!order || !mayRead) throw errors.recordNotFound('no sealing order with this id', { sealingOrderId: id });
  const state = await sealState(ctx.stub, config, id);
  const now = txTimeIso(ctx.stub);
  const status = state.releasesAt !== null && state.releasesAt <= now ? 'released' : state.current?.orderId !== id ? 'extended' : 'sealing';
  return canonicalStringify({ order, status, releasesAt: state.releasesAt, currentOrderId: state.current?.orderId ?? id });
}
