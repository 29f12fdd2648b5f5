import type { BlockChaincodeEvent } from '../fabric/block-decoder';
import type { CommittedTx, Ledger, SubmittedTx, TxInfo, TxRequest } from '../fabric/ledger';
import { ApiError } from '../errors/api-error';

/** A recorded call to the fake ledger. */
export interface FakeCall {
  kind: 'submit' | 'submitAsync' | 'evaluate';
  operatorId: string;
  req: TxRequest;
}

type Responder = (operatorId: string, req: TxRequest) => unknown;

/**
 * In-memory Ledger for unit tests of routes and services (never used against a network). Responses are
 * programmed per "Contract:Transaction"; a responder may throw an ApiError to simulate a chaincode error.
 */
export class FakeLedger implements Ledger {
  readonly calls: FakeCall[] = [];
  readonly responders = new Map<string, Responder>();
  events: BlockChaincodeEvent[] = [];
  heightValue = 10n;
  pingError: ApiError | undefined;
  #tx = 0;

  /** Programs the response of a transaction. */
  on(name: string, responder: Responder): this {
    this.responders.set(name, responder);
    return this;
  }

  #respond(operatorId: string, req: TxRequest): Uint8Array {
    const responder = this.responders.get(`${req.contract}:${req.transaction}`);
    const value = responder ? responder(operatorId, req) : { ok: true };
    return Buffer.from(JSON.stringify(value));
  }

  #nextTxId(): string {
    this.#tx += 1;
    return this.#tx.toString(16).padStart(64, '0');
  }

  async submit(operatorId: string, req: TxRequest): Promise<CommittedTx> {
    this.calls.push({ kind: 'submit', operatorId, req });
    const result = this.#respond(operatorId, req);
    return { txId: this.#nextTxId(), blockNumber: 7n, result };
  }

  async submitAsync(operatorId: string, req: TxRequest): Promise<SubmittedTx> {
    this.calls.push({ kind: 'submitAsync', operatorId, req });
    return { txId: this.#nextTxId(), result: this.#respond(operatorId, req) };
  }

  async evaluate(operatorId: string, req: TxRequest): Promise<Uint8Array> {
    this.calls.push({ kind: 'evaluate', operatorId, req });
    return this.#respond(operatorId, req);
  }

  async transaction(_operatorId: string, txId: string): Promise<TxInfo> {
    if (!txId.startsWith('0000')) throw new ApiError(404, 'TRANSACTION_NOT_FOUND', 'not found');
    return { txId, blockNumber: 7n, validationCode: 'VALID', valid: true };
  }

  /** Per-org heights (by MSP id); orgs not listed have heightValue. */
  readonly heights = new Map<string, bigint>();

  async height(_operatorId: string, org?: string): Promise<bigint> {
    return (org ? this.heights.get(org) : undefined) ?? this.heightValue;
  }

  async openEvents(_operatorId: string, startBlock: bigint, signal: AbortSignal): Promise<AsyncIterable<BlockChaincodeEvent>> {
    const events = this.events.filter((e) => e.blockNumber >= startBlock);
    return (async function* () {
      for (const e of events) {
        if (signal.aborted) return;
        yield e;
      }
    })();
  }

  async ping(): Promise<void> {
    if (this.pingError) throw this.pingError;
  }

  async close(): Promise<void> {
    return undefined;
  }
}
