import { System } from '../api/system';
import { emitChanges, errors, getRecord, implement, putRecord, txTimeIso } from '../core';
import { type ProbeRecord, probeKey } from './records';

/**
 * System:Probe(probeId): writes a probe record holding the transaction time and the submitting MSP, so
 * operations tooling sees a transaction endorsed under the chaincode-level policy commit everywhere.
 * DUPLICATE if the probe id exists.
 */
export const probe = implement(System.tx.Probe, async (ctx, probeId) => {
  const key = probeKey(ctx.stub, probeId);
  if (await getRecord(ctx.stub, key)) throw errors.duplicate(`probe ${probeId} exists`, { probeId });
  const record: ProbeRecord = { at: txTimeIso(ctx.stub), mspId: ctx.clientIdentity.getMSPID(), probeId, txId: ctx.stub.getTxID() };
  await putRecord(ctx.stub, key, record);
  emitChanges(ctx.stub, record.mspId, [{ family: 'system', id: probeId, action: 'probed', version: 1 }]);
  return record;
});
