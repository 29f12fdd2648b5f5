import type { Context } from 'fabric-contract-api';
import { parseWith } from './args';
import { callerLabel } from './caller';
import { canonicalStringify } from './canonical-json';
import { emitChanges } from './events';
import { IdempotencyStore, inputHash, rememberResult, replayOrConflict } from './idempotency';
import { requestIdSchema } from './schema';
import { Tx } from './tx';

/** Describes a submitted transaction for the idempotency layer. */
export interface SubmitSpec extends IdempotencyStore {
  /** "Contract:Transaction", part of the input hash so one id cannot be reused across transactions. */
  txName: string;
  /** Raw requestId argument (validated here). */
  requestId: string;
  /** The validated input (arguments and, where used, a digest of transient data). */
  input: unknown;
}

/**
 * Runs a submitted transaction: validates the request id, replays a stored result for the same id and
 * input (writing nothing), refuses a reused id with other input (IDEMPOTENCY_CONFLICT), otherwise runs
 * the body, stores its result under the id and emits the transaction's one GovChainEvent.
 * Returns the canonical JSON of the body's result. Any throw aborts the whole write set.
 */
export async function submit<R>(ctx: Context, spec: SubmitSpec, body: (tx: Tx) => Promise<R>): Promise<string> {
  const requestId = parseWith(requestIdSchema, spec.requestId, 'requestId');
  const tx = new Tx(ctx);
  const mspId = tx.caller.mspId;
  const hash = inputHash(spec.txName, callerLabel(tx.caller), spec.input);
  const replay = await replayOrConflict(ctx.stub, spec, mspId, requestId, hash);
  if (replay !== undefined) return replay;
  const result = canonicalStringify(await body(tx));
  await rememberResult(ctx.stub, spec, mspId, requestId, { inputHash: hash, result, txId: tx.txId, at: tx.now });
  emitChanges(ctx.stub, mspId, tx.recordedChanges);
  return result;
}
