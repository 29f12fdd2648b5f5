import type { BlockChaincodeEvent } from '../src/fabric/block-decoder';
import { createHash, randomBytes } from 'node:crypto';
import { actorId, type Actor, type CommittedTx, type Ledger, type SigningRequest, type SubmittedTx, type TxInfo, type TxRequest } from '../src/fabric/ledger';
import { ApiError } from '../src/errors/api-error';

/** A recorded call to the fake ledger. */
export interface FakeCall {
  kind: 'submit' | 'submitAsync' | 'evaluate';
  operatorId: string;
  req: TxRequest;
  /** The signatures a client-signing actor returned (proposal, then transaction for submits). */
  clientSignatures?: Uint8Array[];
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

  /** Messages handed to client signers, in order (random bytes standing in for Fabric's). */
  readonly signingRequests: SigningRequest[] = [];

  /**
   * A client-signing actor is asked for the signatures the real offline flow needs: the proposal, then (for a
   * submit) the transaction. The messages are random bytes; the gateway's signing sessions check the signatures.
   */
  async #clientSign(actor: Actor, req: TxRequest, kinds: SigningRequest['kind'][], txId: string): Promise<Uint8Array[] | undefined> {
    if (typeof actor === 'string') return undefined;
    const signatures: Uint8Array[] = [];
    for (const kind of kinds) {
      const message = randomBytes(64);
      const request: SigningRequest = { kind, transactionId: txId, message, digest: createHash('sha256').update(message).digest(), call: { contract: req.contract, transaction: req.transaction } };
      this.signingRequests.push(request);
      signatures.push(await actor.sign(request));
    }
    return signatures;
  }

  async submit(actor: Actor, req: TxRequest): Promise<CommittedTx> {
    const txId = this.#nextTxId();
    const clientSignatures = await this.#clientSign(actor, req, ['proposal', 'transaction'], txId);
    this.calls.push({ kind: 'submit', operatorId: actorId(actor), req, ...(clientSignatures ? { clientSignatures } : {}) });
    const result = this.#respond(actorId(actor), req);
    return { txId, blockNumber: 7n, result };
  }

  async submitAsync(actor: Actor, req: TxRequest): Promise<SubmittedTx> {
    const txId = this.#nextTxId();
    const clientSignatures = await this.#clientSign(actor, req, ['proposal', 'transaction'], txId);
    this.calls.push({ kind: 'submitAsync', operatorId: actorId(actor), req, ...(clientSignatures ? { clientSignatures } : {}) });
    return { txId, result: this.#respond(actorId(actor), req) };
  }

  async evaluate(actor: Actor, req: TxRequest): Promise<Uint8Array> {
    const clientSignatures = typeof actor === 'string' ? undefined : await this.#clientSign(actor, req, ['proposal'], 'f'.repeat(64));
    this.calls.push({ kind: 'evaluate', operatorId: actorId(actor), req, ...(clientSignatures ? { clientSignatures } : {}) });
    return this.#respond(actorId(actor), req);
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
