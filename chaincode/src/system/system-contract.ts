import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalStringify } from '../core/canonical-json';
import { errors } from '../core/error-helpers';
import { emitChanges } from '../core/events';
import { getRecord, putRecord } from '../core/state';
import { txTimeIso } from '../core/tx-time';

/** Key prefix of network probe records; probes carry no personal data. */
const PROBE_PREFIX = 'probe';

interface ProbeRecord {
  at: string;
  mspId: string;
  probeId: string;
  txId: string;
}

/**
 * Liveness and network-probe transactions. Operations tooling uses these to check that a transaction
 * endorsed under the chaincode-level policy commits everywhere; they touch no government record.
 * Deliberately no role attributes required: the network scripts call them with org admin identities.
 * Probe's probeId plays the request id's part: a probe id is written once.
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
    return canonicalStringify({ pong: true, version: '0.1.0' });
  }

  /** Writes a probe record holding the transaction timestamp and the submitting MSP; DUPLICATE if the id exists. */
  @Transaction()
  @Returns('string')
  public async Probe(ctx: Context, probeId: string): Promise<string> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(probeId)) throw errors.invalidArgument('probeId must be 1-64 of [A-Za-z0-9_-]', { argument: 'probeId' });
    const key = ctx.stub.createCompositeKey(PROBE_PREFIX, [probeId]);
    if (await getRecord(ctx.stub, key)) throw errors.duplicate(`probe ${probeId} exists`, { probeId });
    const record: ProbeRecord = { at: txTimeIso(ctx.stub), mspId: ctx.clientIdentity.getMSPID(), probeId, txId: ctx.stub.getTxID() };
    await putRecord(ctx.stub, key, record);
    emitChanges(ctx.stub, record.mspId, [{ family: 'system', id: probeId, action: 'probed', version: 1 }]);
    return canonicalStringify(record);
  }

  /** Reads a probe record, or throws RECORD_NOT_FOUND. */
  @Transaction(false)
  @Returns('string')
  public async ReadProbe(ctx: Context, probeId: string): Promise<string> {
    const record = await getRecord<ProbeRecord>(ctx.stub, ctx.stub.createCompositeKey(PROBE_PREFIX, [probeId]));
    if (!record) throw errors.recordNotFound(`probe ${probeId} not found`, { probeId });
    return canonicalStringify(record);
  }
}
