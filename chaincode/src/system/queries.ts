import { System } from '../api/system';
import { errors, getRecord, implement } from '../core';
import { type ProbeRecord, probeKey } from './records';

/** System:Ping: pong and the chaincode version. */
export const ping = implement(System.tx.Ping, async () => ({ pong: true as const, version: '0.1.0' }));

/** System:ReadProbe(probeId): a probe record, or RECORD_NOT_FOUND. */
export const readProbe = implement(System.tx.ReadProbe, async (ctx, probeId) => {
  const record = await getRecord<ProbeRecord>(ctx.stub, probeKey(ctx.stub, probeId));
  if (!record) throw errors.recordNotFound(`probe ${probeId} not found`, { probeId });
  return record;
});
