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
  /** Who signed the transaction (its creator): MSP, the certificate's GovChain attributes and fingerprint. */
  creator?: TxCreator;
}

/** The signer of a committed transaction, as its envelope names it. */
export interface TxCreator {
  mspId: string;
  operatorId?: string;
  role?: string;
  /** SHA-256 (hex) of the creator certificate's DER: which key signed. */
  certificateSha256: string;
}

/** One thing a client-signing operator is asked to sign (fabric-gateway's offline signing flow). */
export interface SigningRequest {
  /** `proposal`: the serialized Proposal (endorse or evaluate); `transaction`: the envelope's Payload (submit). */
  kind: 'proposal' | 'transaction';
  transactionId: string;
  /** The exact bytes the signature covers (ECDSA with SHA-256 over them). */
  message: Uint8Array;
  /** SHA-256 of `message`, as fabric-gateway's getDigest() returns it. */
  digest: Uint8Array;
  /** The chaincode call, for display and checks (the client decodes `message` itself). */
  call: { contract: ContractName; transaction: string };
}

/**
 * An operator who signs with a key only their own client holds. The gateway builds each proposal and
 * transaction with this certificate as creator and waits (bounded) for the client's signature.
 */
export interface ClientSigner {
  operatorId: string;
  mspId: string;
  /** PEM of the operator's own certificate, issued by the org's CA. */
  certificate: Buffer;
  /** Resolves with the DER, low-S ECDSA signature of `request.message`; rejects when the step expires or is aborted. */
  sign(request: SigningRequest): Promise<Uint8Array>;
}

/** Who signs a chaincode call: an operator id (a gateway-held development key), or an operator's own client. */
export type Actor = string | ClientSigner;

/** The operator id behind an actor. */
export function actorId(actor: Actor): string {
  return typeof actor === 'string' ? actor : actor.operatorId;
}

/**
 * What the services need from Fabric. Every chaincode call names the acting operator, whose own enrolled
 * identity signs it (a key held by the operator's client, or in development one the gateway holds). Ledger
 * reads (qscc, heights, events) name an operator id only. Failures are thrown as ApiError already mapped by
 * stage and chaincode key.
 */
export interface Ledger {
  /** Endorse, submit and wait for commit; MVCC/phantom conflicts are retried with bounded backoff. */
  submit(actor: Actor, req: TxRequest): Promise<CommittedTx>;
  /** Endorse and submit; do not wait for the commit (for `Prefer: respond-async`). */
  submitAsync(actor: Actor, req: TxRequest): Promise<SubmittedTx>;
  /** Evaluate (query) on a peer; nothing is ordered. */
  evaluate(actor: Actor, req: TxRequest): Promise<Uint8Array>;
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
