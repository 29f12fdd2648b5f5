/**
 * Typed descriptions of the chaincode's transactions, shared by the chaincode (which builds its contracts from
 * them) and every client (which calls them). A description names the contract and transaction, says whether it
 * is submitted or evaluated, lists its arguments with their schemas and gives the schema of its result, so a
 * client that passes the wrong arguments or misreads the result does not compile. No Fabric code here.
 */
import { z } from 'zod';
import type { ContractName } from './contracts';

/** Submitted (endorsed, ordered, committed) or evaluated (read on one peer, never ordered). */
export type TxKind = 'submit' | 'evaluate';

/**
 * One positional argument. `text` travels as the value's string form (numbers in decimal), `json` as JSON of
 * the value. `schema` validates the decoded value; the chaincode applies it, so clients and chaincode refuse
 * the same inputs.
 */
export interface Param<N extends string = string, S extends z.ZodType = z.ZodType, E extends 'text' | 'json' = 'text' | 'json'> {
  readonly name: N;
  readonly schema: S;
  readonly encoding: E;
}

/** A positional argument sent as text. */
export const text = <N extends string, S extends z.ZodType>(name: N, schema: S): Param<N, S, 'text'> => ({ name, schema, encoding: 'text' });
/** A positional argument sent as JSON. */
export const json = <N extends string, S extends z.ZodType>(name: N, schema: S): Param<N, S, 'json'> => ({ name, schema, encoding: 'json' });

/** The value a caller passes for a parameter: the parsed form for text (e.g. a number), the input form for JSON. */
export type ValueOf<P> = P extends Param<string, infer S, infer E> ? (E extends 'json' ? z.input<S> : z.output<S>) : never;

/** Transient-map entries a transaction reads: key -> schema of its JSON value. */
export type TransientSpec = Readonly<Record<string, z.ZodType>>;

/** What a transaction declares, before it is named by its contract. */
export interface TxDecl<K extends TxKind = TxKind, P extends readonly Param[] = readonly Param[], R extends z.ZodType = z.ZodType, T extends TransientSpec | undefined = TransientSpec | undefined> {
  readonly kind: K;
  /**
   * Submitted transactions take the client request id (the HTTP Idempotency-Key) as their first argument,
   * before `params`; only System:Probe, whose probe id plays that part, does not.
   */
  readonly requestId: boolean;
  readonly params: P;
  readonly result: R;
  readonly transient: T;
}

/** A transaction of a contract. */
export interface TxSpec<C extends string = string, N extends string = string, K extends TxKind = TxKind, P extends readonly Param[] = readonly Param[], R extends z.ZodType = z.ZodType, T extends TransientSpec | undefined = TransientSpec | undefined>
  extends TxDecl<K, P, R, T> {
  readonly contract: C;
  readonly name: N;
}

/** A submitted transaction. */
export type SubmitSpec = TxSpec<string, string, 'submit'>;
/** An evaluated transaction. */
export type EvaluateSpec = TxSpec<string, string, 'evaluate'>;

/** The arguments a caller passes, in order (without the request id, which the caller's idempotency key supplies). */
export type ArgsOf<S extends TxDecl> = ValuesOf<S['params']>;
type ValuesOf<P extends readonly Param[]> = { -readonly [I in keyof P]: ValueOf<P[I]> };
/** The transaction's result (its JSON response, decoded). */
export type ResultOf<S extends TxDecl> = z.output<S['result']>;
/** The transient entries a caller passes (undefined when the transaction reads none). */
export type TransientOf<S extends TxDecl> = S['transient'] extends TransientSpec ? { [K in keyof S['transient']]: z.input<S['transient'][K]> } : undefined;
/** The decoded JSON input of a submitted transaction that takes one (its last `json` parameter). */
export type InputOf<S extends TxDecl> = S['params'] extends readonly [...Param[], Param<string, infer I, 'json'>] ? z.output<I> : undefined;

/** A submitted transaction taking (requestId, input JSON): the usual shape. */
export function submit<I extends z.ZodType, R extends z.ZodType>(input: I, result: R): TxDecl<'submit', readonly [Param<'input', I, 'json'>], R, undefined>;
/** A submitted transaction with other parameters and/or transient data. */
export function submit<const P extends readonly Param[], R extends z.ZodType, T extends TransientSpec | undefined = undefined>(
  spec: { params: P; result: R; transient?: T; requestId?: boolean },
): TxDecl<'submit', P, R, T>;
export function submit(a: z.ZodType | { params: readonly Param[]; result: z.ZodType; transient?: TransientSpec; requestId?: boolean }, result?: z.ZodType): TxDecl<'submit'> {
  if (!('params' in a)) return { kind: 'submit', requestId: true, params: [json('input', a)], result: result as z.ZodType, transient: undefined };
  return { kind: 'submit', requestId: a.requestId ?? true, params: a.params, result: a.result, transient: a.transient };
}

/** An evaluated transaction. */
export function evaluate<const P extends readonly Param[], R extends z.ZodType, T extends TransientSpec | undefined = undefined>(
  spec: { params: P; result: R; transient?: T },
): TxDecl<'evaluate', P, R, T> {
  return { kind: 'evaluate', requestId: false, params: spec.params, result: spec.result, transient: spec.transient as T };
}

/** A contract's transactions, each named by its key. */
export type ContractTxs<C extends string, D extends Record<string, TxDecl>> = {
  readonly [N in keyof D & string]: D[N] extends TxDecl<infer K, infer P, infer R, infer T> ? TxSpec<C, N, K, P, R, T> : never;
};

/** A contract of the chaincode: its name, description and transactions (in the order the contract lists them). */
export interface ContractSpec<C extends ContractName = ContractName, D extends Record<string, TxDecl> = Record<string, TxDecl>> {
  readonly name: C;
  readonly description: string;
  readonly tx: ContractTxs<C, D>;
}

/** Names the transactions of a contract. The key order is the order of the contract's metadata. */
export function contract<C extends ContractName, D extends Record<string, TxDecl>>(name: C, description: string, decls: D): ContractSpec<C, D> {
  const tx = Object.fromEntries(Object.entries(decls).map(([n, d]) => [n, { ...d, contract: name, name: n }]));
  return { name, description, tx: tx as unknown as ContractTxs<C, D> };
}

/** "Contract:Transaction", the name idempotency records and error messages use. */
export function qualifiedName(spec: Pick<TxSpec, 'contract' | 'name'>): string {
  return `${spec.contract}:${spec.name}`;
}

/** Every parameter name in order, as the contract metadata lists them (the request id first where taken). */
export function wireParamNames(spec: TxDecl): string[] {
  return [...(spec.requestId ? ['requestId'] : []), ...spec.params.map((p) => p.name)];
}

/** Encodes a caller's arguments into the strings Fabric carries (after the request id). */
export function encodeArgs<S extends TxDecl>(spec: S, args: ArgsOf<S>): string[] {
  const values = args as readonly unknown[];
  if (values.length !== spec.params.length) throw new TypeError(`expected ${spec.params.length} arguments, got ${values.length}`);
  return spec.params.map((p, i) => (p.encoding === 'json' ? JSON.stringify(values[i]) : String(values[i])));
}

/** Encodes a caller's transient entries as JSON strings. */
export function encodeTransient<S extends TxDecl>(spec: S, transient: TransientOf<S>): Record<string, string> | undefined {
  if (!spec.transient || transient === undefined) return undefined;
  return Object.fromEntries(Object.keys(spec.transient).map((k) => [k, JSON.stringify((transient as Record<string, unknown>)[k])]));
}
