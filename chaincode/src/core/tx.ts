import type { Context } from 'fabric-contract-api';
import type { ChaincodeStub } from 'fabric-shim';
import { Caller, getCaller } from './caller';
import { Change } from './events';
import { txTimeIso } from './tx-time';

/**
 * Per-transaction scope: the context, the tx id and time, the caller, and the record changes that
 * become the transaction's one event. Create one per transaction (submit() does so).
 */
export class Tx {
  public readonly txId: string;
  /** Transaction time, ISO-8601 UTC. */
  public readonly now: string;
  private readonly changes: Change[] = [];
  private cachedCaller: Caller | undefined;

  constructor(public readonly ctx: Context) {
    this.txId = ctx.stub.getTxID();
    this.now = txTimeIso(ctx.stub);
  }

  get stub(): ChaincodeStub {
    return this.ctx.stub;
  }

  /** The caller (FORBIDDEN_ROLE when the certificate lacks GovChain attributes). */
  get caller(): Caller {
    this.cachedCaller ??= getCaller(this.ctx);
    return this.cachedCaller;
  }

  /** Notes a record change for the transaction's event. */
  recordChange(change: Change): void {
    this.changes.push(change);
  }

  /** Changes noted so far, in order. */
  get recordedChanges(): readonly Change[] {
    return this.changes;
  }
}
