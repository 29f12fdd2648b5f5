import { Audit } from '../api/audit';
import { callerLabel, canonicalBytes, errors, implementSubmit, putAnchor } from '../core';
import { requireSealingAuthority, writeOnce } from './access';
import { type SealingEnd, endKey } from './records';
import { readExtension, readOrder, sealState } from './sealing';

/**
 * Audit:EndSealingOrder: the issuer of a running order ends it early; the accesses citing it appear in the
 * subject's log at once. An extended order is ended through the order that extends it.
 */
export const endSealingOrder = implementSubmit(Audit.tx.EndSealingOrder, async (tx, input) => {
  const { config } = await requireSealingAuthority(tx.ctx);
  const order = await readOrder(tx.stub, config, input.orderId);
  if (!order) throw errors.recordNotFound('no sealing order with this id', { sealingOrderId: input.orderId });
  if (order.issuedBy !== callerLabel(tx.caller)) throw errors.accessDenied('only the issuer ends a sealing order', { sealingOrderId: input.orderId });
  if (await readExtension(tx.stub, config, order)) throw errors.invalidState('the order is extended; end the order that extends it', { sealingOrderId: input.orderId });
  const state = await sealState(tx.stub, config, input.orderId);
  if (state.ended || (state.releasesAt ?? '') <= tx.now) throw errors.invalidState('the order has already ended', { sealingOrderId: input.orderId, releasesAt: state.releasesAt });
  const end: SealingEnd = { orderId: order.orderId, endedAt: tx.now, endedBy: callerLabel(tx.caller), reason: input.reason, txId: tx.txId };
  const bytes = canonicalBytes(end);
  await writeOnce(tx.stub, config.members)(endKey(tx.stub, order.orderId), bytes);
  await putAnchor(tx.stub, order.issuerMsp, endKey(tx.stub, order.orderId), bytes);
  return end;
});
