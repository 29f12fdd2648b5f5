import type { ContractName } from '@govchain/chaincode';
import type { BlockChaincodeEvent } from './block-decoder';

export type { ContractName };

/**
 * One chaincode call as Fabric carries it: contract, transaction name and string arguments (the request id
 * first for submits). Services build it from the API's transaction spec with `txRequest(call(spec, args))`
 * (services/call.ts), never by hand, so its names and arguments are those the contract declares.
 */
export interface TxRequest {
  contract: ContractName;
  transaction: string;
  args: string[];
  /** Transient map entries (e.g. `personalData`); never logged, never in the block. */
  transient?: Record<string, string>;
  /** Restricts endorsement (or evaluation) to these MSP ids. */
  endorsingOrganizations?: string[];
}

/** A transaction that has been committed and validated. */
export interface CommittedTx {
  txId: string;
  blockNumber: bigint;
  result: Uint8Array;
}

/** A transaction that has been endorsed and handed to the orderer; its commit is not awaited. */
export interface SubmittedTx {
  txId: string;
  result: Uint8Array;
}

/** Ledger facts about one transaction (from qscc). */
export interface TxInfo {
  txId: string;
  blockNumber: bigint;
  validationCode: string;
  valid: boolean;
}

/**
 * What the services need from Fabric. Every call names the acting operator, whose own enrolled
 * identity signs it. Failures are thrown as ApiError already mapped by stage and chaincode key.
 */
export interface Ledger {
  /** Endorse, submit and wait for commit; MVCC/phantom conflicts are retried with bounded backoff. */
  submit(operatorId: string, req: TxRequest): Promise<CommittedTx>;
  /** Endorse and submit; do not wait for the commit (for `Prefer: respond-async`). */
  submitAsync(operatorId: string, req: TxRequest): Promise<SubmittedTx>;
  /** Evaluate (query) on a peer; nothing is ordered. */
  evaluate(operatorId: string, req: TxRequest): Promise<Uint8Array>;
  /** Validation code and block of a committed transaction; 404 TRANSACTION_NOT_FOUND when unknown. */
  transaction(operatorId: string, txId: string): Promise<TxInfo>;
  /** Current block height of the channel on the gateway's peer, or on a peer of `org` when given. */
  height(operatorId: string, org?: string): Promise<bigint>;
  /**
   * Opens a stream of the chaincode events of valid transactions from `startBlock` on, in ledger order,
   * until `signal` aborts. Resolves once the stream is open (so failures surface before any event).
   */
  openEvents(operatorId: string, startBlock: bigint, signal: AbortSignal): Promise<AsyncIterable<BlockChaincodeEvent>>;
  /** Peer reachable and System:Ping evaluates. */
  ping(operatorId: string): Promise<void>;
  /** Closes gateways, then gRPC connections. */
  close(): Promise<void>;
}
