import type { Context } from 'fabric-contract-api';
import { type ArgsOf, type InputOf, type ResultOf, type SubmitSpec, type TxSpec, qualifiedName } from '../api/transaction';
import { parseJsonArg, parseWith } from './args';
import { canonicalStringify } from './canonical-json';
import type { Implementation } from './contract';
import { submit } from './submit';
import type { Tx } from './tx';

/** Validates the positional string arguments against the transaction's parameters (INVALID_ARGUMENT naming the first bad one). */
function parseArgs<S extends TxSpec>(spec: S, raw: readonly string[]): ArgsOf<S> {
  return spec.params.map((p, i) => (p.encoding === 'json' ? parseJsonArg(p.schema, raw[i] ?? '', p.name) : parseWith(p.schema, raw[i], p.name))) as ArgsOf<S>;
}

/**
 * A transaction whose body gets its arguments validated and decoded and returns its result, sent as canonical
 * JSON: every evaluate transaction, and System:Probe. The body checks the caller.
 */
export function implement<S extends TxSpec>(spec: S, body: (ctx: Context, ...args: ArgsOf<S>) => Promise<ResultOf<S>>): Implementation<S> {
  return { spec, handler: async (ctx, ...raw) => canonicalStringify(await body(ctx, ...parseArgs(spec, raw))) };
}

/** What a submitted transaction works out before its idempotency check. */
export interface Prepared<X> {
  /** Passed to the body. */
  value: X;
  /** What the idempotency hash covers instead of the input (e.g. a digest of transient data). */
  idempotencyInput?: unknown;
  /** Keeps the idempotency record in this private collection instead of public state. */
  collection?: string;
}

/**
 * A submitted transaction taking (requestId, ...arguments): the arguments are validated first (400 before
 * anything else), then `prepare` (when given) works out what the idempotency check needs (transient data,
 * secrets), then `submit` replays a stored result or runs the body once, storing its result under the request id
 * and emitting the transaction's one event.
 */
export function implementSubmit<S extends SubmitSpec>(spec: S, body: (tx: Tx, input: InputOf<S>) => Promise<ResultOf<S>>): Implementation<S>;
export function implementSubmit<S extends SubmitSpec, X>(
  spec: S, prepare: (ctx: Context, input: InputOf<S>) => Prepared<X>, body: (tx: Tx, input: InputOf<S>, prepared: X) => Promise<ResultOf<S>>,
): Implementation<S>;
export function implementSubmit<S extends SubmitSpec, X>(
  spec: S,
  first: ((tx: Tx, input: InputOf<S>) => Promise<ResultOf<S>>) | ((ctx: Context, input: InputOf<S>) => Prepared<X>),
  second?: (tx: Tx, input: InputOf<S>, prepared: X) => Promise<ResultOf<S>>,
): Implementation<S> {
  const prepare = second ? (first as (ctx: Context, input: InputOf<S>) => Prepared<X>) : undefined;
  const body = second ?? (first as (tx: Tx, input: InputOf<S>, prepared: X) => Promise<ResultOf<S>>);
  return {
    spec,
    handler: async (ctx, requestId, ...raw) => {
      const args = parseArgs(spec, raw) as unknown[];
      const input = args[args.length - 1] as InputOf<S>;
      const prepared = prepare ? prepare(ctx, input) : ({ value: undefined } as Prepared<X>);
      const hashed = prepared.idempotencyInput !== undefined ? prepared.idempotencyInput : input;
      const store = prepared.collection ? { collection: prepared.collection } : {};
      return submit(ctx, { txName: qualifiedName(spec), requestId: requestId ?? '', input: hashed, ...store }, (tx) => body(tx, input, prepared.value));
    },
  };
}
