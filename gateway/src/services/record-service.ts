import type { Principal } from '../auth/principal';
import type { Actor, Ledger } from '../fabric/ledger';
import { txRequest, type EvaluateCall, type SubmitCall } from '../fabric/call';
import { actorOf } from './client-signing';
import { decodeJson } from './json';

/** Result of a write: committed (201) or accepted for ordering (202). */
export type WriteOutcome =
  | { committed: true; txId: string; blockNumber: number; data: unknown }
  | { committed: false; txId: string };

/** Options of a write. */
export interface WriteOptions {
  idempotencyKey: string;
  respondAsync: boolean;
}

/**
 * Generic reads and writes of ledger records. Writes pass the Idempotency-Key as the chaincode request id
 * (first argument), so a replay returns the stored result even after a gateway restart.
 * Operators sign with their own identity; citizen reads are signed by the configured service operator.
 */
export class RecordService {
  constructor(
    private readonly ledger: Ledger,
    private readonly serviceOperator: string,
  ) {}

  /** The operator whose identity signs for a principal. */
  signerFor(principal: Principal): string {
    return principal.kind === 'operator' ? principal.operatorId : this.serviceOperator;
  }

  /** Who signs a principal's chaincode calls: the operator's own client when the request stated client signing. */
  actorFor(principal: Principal): Actor {
    return actorOf(principal, this.signerFor(principal));
  }

  /** Submits a write as the principal (operators only; routes enforce that). */
  async write(principal: Principal, call: SubmitCall, opts: WriteOptions): Promise<WriteOutcome> {
    const req = txRequest(call, opts.idempotencyKey);
    const signer = this.actorFor(principal);
    if (opts.respondAsync) {
      const sub = await this.ledger.submitAsync(signer, req);
      return { committed: false, txId: sub.txId };
    }
    const tx = await this.ledger.submit(signer, req);
    return { committed: true, txId: tx.txId, blockNumber: Number(tx.blockNumber), data: decodeJson(tx.result) };
  }

  /** Evaluates a query and decodes its JSON result. */
  async read(principal: Principal, call: EvaluateCall): Promise<unknown> {
    return decodeJson(await this.ledger.evaluate(this.actorFor(principal), txRequest(call)));
  }
}
