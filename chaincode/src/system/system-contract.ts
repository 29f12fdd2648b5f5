import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';

/** Key prefix of network probe records; probes carry no personal data. */
const PROBE_PREFIX = 'probe';

/**
 * Liveness and network-probe transactions. Operations tooling uses these to check that a transaction
 * endorsed under the chaincode-level policy commits everywhere; they touch no government record.
 */
@Info({ title: 'System', description: 'Ping and network probes' })
export class SystemContract extends Contract {
  constructor() {
    super('System');
  }

  /** Answers "pong" with the chaincode version; used by the gateway's readiness check. */
  @Transaction(false)
  @Returns('string')
  public async Ping(_ctx: Context): Promise<string> {
    return JSON.stringify({ pong: true, version: '0.1.0' });
  }

  /** Writes a probe record holding the transaction timestamp and the submitting MSP. */
  @Transaction()
  @Returns('string')
  public async Probe(ctx: Context, probeId: string): Promise<string> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(probeId)) {
      throw new Error(JSON.stringify({ key: 'INVALID_ARGUMENT', code: 400, message: 'probeId must be 1-64 of [A-Za-z0-9_-]' }));
    }
    const key = ctx.stub.createCompositeKey(PROBE_PREFIX, [probeId]);
    const ts = ctx.stub.getTxTimestamp();
    const seconds = typeof ts.seconds === 'number' ? ts.seconds : Number(ts.seconds.toString());
    const at = new Date(seconds * 1000 + Math.floor(ts.nanos / 1e6)).toISOString();
    const value = JSON.stringify({ at, mspId: ctx.clientIdentity.getMSPID(), probeId, txId: ctx.stub.getTxID() });
    await ctx.stub.putState(key, Buffer.from(value));
    return value;
  }

  /** Reads a probe record, or throws RECORD_NOT_FOUND. */
  @Transaction(false)
  @Returns('string')
  public async ReadProbe(ctx: Context, probeId: string): Promise<string> {
    const bytes = await ctx.stub.getState(ctx.stub.createCompositeKey(PROBE_PREFIX, [probeId]));
    if (bytes.length === 0) {
      throw new Error(JSON.stringify({ key: 'RECORD_NOT_FOUND', code: 404, message: `probe ${probeId} not found` }));
    }
    return bytes.toString();
  }
}
