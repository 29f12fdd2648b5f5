import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { peer } from '@hyperledger/fabric-protos';
import type { RawAttestation } from '@govchain/verifier';
import { ApiError } from '../errors/api-error';
import { mapFabricError } from '../errors/fabric-error-map';
import type { ConnectionPool, PeerEndpoint } from './connection';
import type { FabricLedger } from './fabric-ledger';

/** A department peer that can attest a transaction's validity. */
export interface AttestingPeer {
  mspId: string;
  endpoint: PeerEndpoint;
}

/** The raw ledger bytes a receipt is built from. */
export interface ReceiptSource {
  channel: string;
  /** The chaincode endorsement policy in Fabric policy language (from the topology). */
  chaincodePolicy: string;
  /** qscc GetTransactionByID on this org's peer: the envelope and its validation code; 404 TRANSACTION_NOT_FOUND. */
  processedTransaction(operatorId: string, txId: string): Promise<{ envelope: Uint8Array; validationCode: number }>;
  /** qscc GetBlockByTxID (Block bytes). */
  blockByTxId(operatorId: string, txId: string): Promise<Uint8Array>;
  /** qscc GetBlockByNumber (Block bytes). */
  blockByNumber(operatorId: string, number: bigint): Promise<Uint8Array>;
  /** Signed answers to qscc GetTransactionByID from peers of `orgs` distinct departments (own org first). */
  attest(operatorId: string, txId: string, orgs: number): Promise<RawAttestation[]>;
}

/** Options of the Fabric-backed receipt source. */
export interface FabricReceiptSourceOptions {
  ledger: FabricLedger;
  connections: ConnectionPool;
  channel: string;
  chaincodePolicy: string;
  ownMspId: string;
  /** Every department's peer (the own org's included). */
  peers: AttestingPeer[];
  /** Time limit of one ProcessProposal call, and of waiting for other peers to hold the transaction. */
  attestTimeoutMs: number;
}

const ENDORSER_PROCESS_PROPOSAL = '/protos.Endorser/ProcessProposal';

/**
 * Reads receipts' bytes from Fabric: qscc on this org's peer through fabric-gateway, and validity
 * attestations through each peer's Endorser service (ProcessProposal), because fabric-gateway's evaluate
 * returns only the payload and drops the peer's signed ProposalResponse.
 */
export class FabricReceiptSource implements ReceiptSource {
  readonly channel: string;
  readonly chaincodePolicy: string;
  #rotation = 0;

  constructor(private readonly o: FabricReceiptSourceOptions) {
    this.channel = o.channel;
    this.chaincodePolicy = o.chaincodePolicy;
  }

  async processedTransaction(operatorId: string, txId: string): Promise<{ envelope: Uint8Array; validationCode: number }> {
    let bytes: Uint8Array;
    try {
      bytes = await this.o.ledger.systemQuery(operatorId, 'GetTransactionByID', txId);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      const code = (err as { code?: number }).code;
      if (code === GrpcStatus.UNAVAILABLE || code === GrpcStatus.DEADLINE_EXCEEDED) throw mapFabricError(err);
      throw new ApiError(404, 'TRANSACTION_NOT_FOUND', `transaction ${txId} is not (yet) in the ledger`);
    }
    const processed = peer.ProcessedTransaction.deserializeBinary(bytes);
    const env = processed.getTransactionenvelope();
    if (!env) throw new ApiError(404, 'TRANSACTION_NOT_FOUND', `transaction ${txId} is not (yet) in the ledger`);
    return { envelope: env.serializeBinary(), validationCode: processed.getValidationcode() };
  }

  blockByTxId(operatorId: string, txId: string): Promise<Uint8Array> {
    return this.o.ledger.systemQuery(operatorId, 'GetBlockByTxID', txId).catch((err: unknown) => {
      throw err instanceof ApiError ? err : mapFabricError(err);
    });
  }

  blockByNumber(operatorId: string, number: bigint): Promise<Uint8Array> {
    return this.o.ledger.systemQuery(operatorId, 'GetBlockByNumber', number.toString()).catch((err: unknown) => {
      throw err instanceof ApiError ? err : mapFabricError(err);
    });
  }

  #processProposal(target: AttestingPeer, signed: Uint8Array): Promise<Uint8Array> {
    const client = this.o.connections.get(target.endpoint);
    return new Promise((resolve, reject) => {
      client.makeUnaryRequest(
        ENDORSER_PROCESS_PROPOSAL,
        (b: Uint8Array) => Buffer.from(b),
        (b: Buffer) => new Uint8Array(b),
        signed,
        new Metadata(),
        { deadline: Date.now() + this.o.attestTimeoutMs },
        (err, value) => (err || !value ? reject(err ?? new Error('empty response')) : resolve(value)),
      );
    });
  }

  async attest(operatorId: string, txId: string, orgs: number): Promise<RawAttestation[]> {
    const own = this.o.peers.filter((p) => p.mspId === this.o.ownMspId);
    const others = this.o.peers.filter((p) => p.mspId !== this.o.ownMspId);
    // Rotate through the other departments so one slow peer does not carry every receipt.
    const start = this.#rotation++ % Math.max(others.length, 1);
    const candidates = [...own, ...others.slice(start), ...others.slice(0, start)];
    const { proposal, signed } = await this.o.ledger.signedSystemProposal(operatorId, 'GetTransactionByID', txId);
    const got = new Map<string, RawAttestation>();
    const deadline = Date.now() + this.o.attestTimeoutMs;
    // A peer that has not committed the block yet answers with an error: retry until the time limit.
    while (got.size < orgs && Date.now() < deadline) {
      for (const target of candidates) {
        if (got.size >= orgs) break;
        if (got.has(target.mspId)) continue;
        try {
          const response = await this.#processProposal(target, signed);
          const parsed = peer.ProposalResponse.deserializeBinary(response);
          if (parsed.getResponse()?.getStatus() === 200 && parsed.getEndorsement()) got.set(target.mspId, { proposal, response });
        } catch {
          // unreachable or refusing peer: the next department is tried, and this one again on the next round
        }
      }
      if (got.size < orgs) await new Promise((r) => setTimeout(r, 200));
    }
    if (got.size < orgs) {
      throw new ApiError(503, 'ATTESTATION_UNAVAILABLE', `only ${got.size} of ${orgs} departments' peers could attest transaction ${txId}; try again shortly`, { attested: [...got.keys()] });
    }
    return [...got.values()];
  }
}
