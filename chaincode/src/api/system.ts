import { z } from 'zod';
import { pingSchema, probeIdSchema, probeRecordSchema } from '../system/schema';
import { contract, evaluate, submit, text } from './transaction';

/** System: liveness and network probes; no government record. */
export const System = contract('System', 'Ping and network probes', {
  /** Answers pong with the chaincode version (the gateway's readiness check). */
  Ping: evaluate({ params: [], result: pingSchema }),
  /** Writes a probe record once per probe id (its own request id). */
  Probe: submit({ params: [text('probeId', probeIdSchema)], result: probeRecordSchema, requestId: false }),
  /** Reads a probe record. */
  ReadProbe: evaluate({ params: [text('probeId', z.string())], result: probeRecordSchema }),
});
