import { Audit } from '../api/audit';
import { type GovernanceConfig, type Tx, callerLabel, canonicalBytes, errors, implementSubmit, putAnchor } from '../core';
import { readIdentity } from '../identity/queries';
import { type WriteOnce, requireSealingAuthority, writeOnce } from './access';
import { type SealingExtension, type SealingOrder, extensionKey, orderKey } from './records';
import { oneYearAfter } from './rules';
import type { IssueSealingOrderInput } from './schema';
import { readOrder, sealState } from './sealing';

/**
 * Audit:IssueSealingOrder: an investigator of a sealing org orders that the accesses of one org for one case
 * about one subject be withheld from the subject's log until `endsAt`, at most one year from now. With
 * `extendsOrderId` it extends a running order of the same org, subject, case and accessor org (each order at
 * most once). The order is written once (every department's peer to change it) and anchored by the issuer's
 * org. It emits no event: a sealing order must not be announced on the event stream.
 */
export const issueSealingOrder = implementSubmit(Audit.tx.IssueSealingOrder, async (tx, input) => {
  const { config } = await requireSealingAuthority(tx.ctx);
  if (!config.members.includes(input.accessorMsp)) throw errors.ruleViolation('accessorMsp must be a member org', { accessorMsp: input.accessorMsp });
  if (input.endsAt <= tx.now) throw errors.ruleViolation('endsAt must be in the future', { endsAt: input.endsAt });
  const latest = oneYearAfter(tx.now);
  if (input.endsAt > latest) throw errors.ruleViolation('a sealing order runs at most one year; extend it later with a new order', { endsAt: input.endsAt, latest });
  if (!(await readIdentity(tx.stub, input.subjectKey))) throw errors.recordNotFound('no identity for this subject key', { subjectKey: input.subjectKey });
  const put = writeOnce(tx.stub, config.members);
  if (input.extendsOrderId) await extend(tx, config, input, put);
  const order: SealingOrder = {
    orderId: tx.txId, caseId: input.caseId, subjectKey: input.subjectKey, accessorMsp: input.accessorMsp, legalAuthority: input.legalAuthority,
    reason: input.reason, issuerMsp: tx.caller.mspId, issuedBy: callerLabel(tx.caller), issuedAt: tx.now, endsAt: input.endsAt,
    extendsOrderId: input.extendsOrderId ?? null,
  };
  const bytes = canonicalBytes(order);
  await put(orderKey(tx.stub, order.orderId), bytes);
  await putAnchor(tx.stub, order.issuerMsp, orderKey(tx.stub, order.orderId), bytes);
  return order;
});

/** Checks an extension and writes the old order's pointer to it. */
async function extend(tx: Tx, config: GovernanceConfig, input: IssueSealingOrderInput, put: WriteOnce): Promise<void> {
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
