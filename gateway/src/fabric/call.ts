import { encodeArgs, encodeTransient, type ArgsOf, type ContractName, type TransientOf, type TxSpec } from '@govchain/chaincode';
import type { TxRequest } from './ledger';

declare const built: unique symbol;

/**
 * One chaincode call, named by the API's transaction spec and with its arguments already encoded. Only
 * {@link call} builds one, from the spec's typed argument tuple, so a route that passes the wrong arguments,
 * or submits an evaluated transaction, does not compile.
 */
export interface Call<S extends TxSpec<ContractName> = TxSpec<ContractName>> {
  readonly tx: S;
  /** The encoded arguments after the request id. */
  readonly args: readonly string[];
  /** Transient map entries as JSON; never logged, never in the block. */
  readonly transient?: Record<string, string>;
  /** Restricts endorsement (or evaluation) to these MSP ids. */
  readonly endorsingOrganizations?: string[];
  readonly [built]: true;
}

/** A call of a submitted transaction. */
export type SubmitCall = Call<TxSpec<ContractName, string, 'submit'>>;
/** A call of an evaluated transaction. */
export type EvaluateCall = Call<TxSpec<ContractName, string, 'evaluate'>>;

/** Where a call is endorsed, and the transient entries the transaction declares. */
export interface CallOptions<S extends TxSpec<ContractName>> {
  endorsingOrganizations?: string[];
  transient?: TransientOf<S>;
}

/**
 * Builds a call of `tx` with the arguments it declares (in order, without the request id). A transaction that
 * declares transient entries needs them (checked here: the types cannot tell an omitted option from one not declared).
 */
export function call<S extends TxSpec<ContractName>>(tx: S, args: ArgsOf<S>, opts: CallOptions<S> = {}): Call<S> {
  if (tx.transient && opts.transient === undefined) throw new TypeError(`${tx.contract}:${tx.name} needs its transient entries`);
  const transient = opts.transient === undefined ? undefined : encodeTransient(tx, opts.transient);
  return {
    tx,
    args: encodeArgs(tx, args),
    ...(transient ? { transient } : {}),
    ...(opts.endorsingOrganizations ? { endorsingOrganizations: opts.endorsingOrganizations } : {}),
  } as unknown as Call<S>;
}

/** The wire request of a call: the request id (for transactions that take one) before the encoded arguments. */
export function txRequest(c: Call, requestId?: string): TxRequest {
  if (c.tx.requestId && requestId === undefined) throw new TypeError(`${c.tx.contract}:${c.tx.name} needs a request id`);
  return {
    contract: c.tx.contract,
    transaction: c.tx.name,
    args: c.tx.requestId && requestId !== undefined ? [requestId, ...c.args] : [...c.args],
    ...(c.transient ? { transient: c.transient } : {}),
    ...(c.endorsingOrganizations ? { endorsingOrganizations: c.endorsingOrganizations } : {}),
  };
}
