import { CommitError, connect, hash, type Contract, type Gateway, type Network } from '@hyperledger/fabric-gateway';
import { newNativeSigner } from './native-signer';
import { common, gateway as gatewayProtos, peer } from '@hyperledger/fabric-protos';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { ApiError } from '../errors/api-error';
import { isRetryableCommitError, mapFabricError, validationCodeName, type FabricStage } from '../errors/fabric-error-map';
import { chaincodeEventsOfBlock, type BlockChaincodeEvent } from './block-decoder';
import type { ConnectionPool, PeerEndpoint } from './connection';
import type { IdentityStore } from './identity-store';
import type { CommittedTx, Ledger, SubmittedTx, TxInfo, TxRequest } from './ledger';
import { withRetry, type RetryPolicy } from './retry';

/** Observers for Fabric stage latencies and retries (prom-client in production). */
export interface FabricObserver {
  stage(stage: FabricStage, seconds: number, ok: boolean): void;
  retry(reason: string): void;
}

/** Settings for the Fabric ledger client. */
export interface FabricLedgerOptions {
  channel: string;
  chaincode: string;
  peer: PeerEndpoint;
  connections: ConnectionPool;
  identities: IdentityStore;
  retry: RetryPolicy;
  timeouts: { endorseMs: number; evaluateMs: number; submitMs: number; commitMs: number };
  observer: FabricObserver;
}

async function timed<T>(observer: FabricObserver, stage: FabricStage, fn: () => Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  let ok = false;
  try {
    const value = await fn();
    ok = true;
    return value;
  } finally {
    observer.stage(stage, Number(process.hrtime.bigint() - start) / 1e9, ok);
  }
}

/**
 * The real Ledger: one cached fabric-gateway Gateway per operator identity over one shared gRPC
 * connection to the org's peer. Each transaction is signed only with the acting operator's own key.
 */
export class FabricLedger implements Ledger {
  readonly #gateways = new Map<string, Gateway>();
  readonly #opts: FabricLedgerOptions;

  constructor(opts: FabricLedgerOptions) {
    this.#opts = opts;
  }

  #gateway(operatorId: string): Gateway {
    const existing = this.#gateways.get(operatorId);
    if (existing) return existing;
    const id = this.#opts.identities.find(operatorId);
    if (!id) throw new ApiError(403, 'OPERATOR_NOT_ENROLLED', `operator ${operatorId} has no enrolled Fabric identity`);
    const t = this.#opts.timeouts;
    const gw = connect({
      client: this.#opts.connections.get(this.#opts.peer),
      identity: { mspId: id.mspId, credentials: id.certificate },
      // The native signer hashes the message itself (OpenSSL), hence no hashing by the client library.
      signer: newNativeSigner(id.privateKey),
      hash: hash.none,
      evaluateOptions: () => ({ deadline: Date.now() + t.evaluateMs }),
      endorseOptions: () => ({ deadline: Date.now() + t.endorseMs }),
      submitOptions: () => ({ deadline: Date.now() + t.submitMs }),
      commitStatusOptions: () => ({ deadline: Date.now() + t.commitMs }),
    });
    this.#gateways.set(operatorId, gw);
    return gw;
  }

  #network(operatorId: string): Network {
    return this.#gateway(operatorId).getNetwork(this.#opts.channel);
  }

  #contract(operatorId: string, req: Pick<TxRequest, 'contract'>): Contract {
    return this.#network(operatorId).getContract(this.#opts.chaincode, req.contract);
  }

  #proposal(operatorId: string, req: TxRequest) {
    const transientData = req.transient ? Object.fromEntries(Object.entries(req.transient).map(([k, v]) => [k, Buffer.from(v)])) : undefined;
    return this.#contract(operatorId, req).newProposal(req.transaction, {
      arguments: req.args,
      ...(transientData ? { transientData } : {}),
      ...(req.endorsingOrganizations ? { endorsingOrganizations: req.endorsingOrganizations } : {}),
    });
  }

  async submit(operatorId: string, req: TxRequest): Promise<CommittedTx> {
    const o = this.#opts;
    try {
      return await withRetry(
        o.retry,
        async () => {
          const proposal = this.#proposal(operatorId, req);
          const tx = await timed(o.observer, 'endorse', () => proposal.endorse());
          const commit = await timed(o.observer, 'submit', () => tx.submit());
          const status = await timed(o.observer, 'commitStatus', () => commit.getStatus());
          if (!status.successful) {
            o.observer.stage('commit', 0, false);
            throw new CommitError({ code: status.code, transactionId: status.transactionId, message: `transaction ${status.transactionId} failed with ${validationCodeName(status.code)}` });
          }
          return { txId: status.transactionId, blockNumber: status.blockNumber, result: tx.getResult() };
        },
        isRetryableCommitError,
        (_attempt, err) => o.observer.retry(err instanceof CommitError ? validationCodeName(err.code) : 'unknown'),
      );
    } catch (err) {
      throw mapFabricError(err);
    }
  }

  async submitAsync(operatorId: string, req: TxRequest): Promise<SubmittedTx> {
    const o = this.#opts;
    try {
      const proposal = this.#proposal(operatorId, req);
      const tx = await timed(o.observer, 'endorse', () => proposal.endorse());
      const commit = await timed(o.observer, 'submit', () => tx.submit());
      // The caller polls /transactions/{txId}; watching the status here only feeds metrics.
      void timed(o.observer, 'commitStatus', () => commit.getStatus()).catch(() => undefined);
      return { txId: tx.getTransactionId(), result: tx.getResult() };
    } catch (err) {
      throw mapFabricError(err);
    }
  }

  async evaluate(operatorId: string, req: TxRequest): Promise<Uint8Array> {
    try {
      const proposal = this.#proposal(operatorId, req);
      return await timed(this.#opts.observer, 'evaluate', () => proposal.evaluate());
    } catch (err) {
      throw mapFabricError(err);
    }
  }

  async #qscc(operatorId: string, fn: string, ...args: string[]): Promise<Uint8Array> {
    const contract = this.#network(operatorId).getContract('qscc');
    return timed(this.#opts.observer, 'evaluate', () => contract.evaluateTransaction(fn, this.#opts.channel, ...args));
  }

  /**
   * Raw bytes of a qscc query (fn(channel, ...args)) on this org's peer, signed by the operator (receipts keep
   * them). Errors are the client library's, unmapped: "no such transaction" is not a peer failure.
   */
  systemQuery(operatorId: string, fn: string, ...args: string[]): Promise<Uint8Array> {
    return this.#qscc(operatorId, fn, ...args);
  }

  /**
   * A qscc proposal fn(channel, ...args) signed by the operator's own key, for sending to any peer's Endorser
   * service: `proposal` is the Proposal bytes, `signed` the SignedProposal bytes.
   */
  async signedSystemProposal(operatorId: string, fn: string, ...args: string[]): Promise<{ proposal: Uint8Array; signed: Uint8Array }> {
    const id = this.#opts.identities.find(operatorId);
    if (!id) throw new ApiError(403, 'OPERATOR_NOT_ENROLLED', `operator ${operatorId} has no enrolled Fabric identity`);
    const unsigned = this.#network(operatorId).getContract('qscc').newProposal(fn, { arguments: [this.#opts.channel, ...args] });
    const signedProposal = gatewayProtos.ProposedTransaction.deserializeBinary(unsigned.getBytes()).getProposal();
    if (!signedProposal) throw new ApiError(500, 'INTERNAL', 'the client library built no proposal');
    const proposal = signedProposal.getProposalBytes_asU8();
    signedProposal.setSignature(await newNativeSigner(id.privateKey)(proposal));
    return { proposal, signed: signedProposal.serializeBinary() };
  }

  async transaction(operatorId: string, txId: string): Promise<TxInfo> {
    try {
      const processed = peer.ProcessedTransaction.deserializeBinary(await this.#qscc(operatorId, 'GetTransactionByID', txId));
      const block = common.Block.deserializeBinary(await this.#qscc(operatorId, 'GetBlockByTxID', txId));
      const code = processed.getValidationcode();
      return { txId, blockNumber: BigInt(block.getHeader()?.getNumber() ?? 0), validationCode: validationCodeName(code), valid: code === 0 };
    } catch (err) {
      if (err instanceof ApiError) throw err;
      const code = (err as { code?: number }).code;
      if (code === GrpcStatus.UNAVAILABLE || code === GrpcStatus.DEADLINE_EXCEEDED) throw mapFabricError(err);
      throw new ApiError(404, 'TRANSACTION_NOT_FOUND', `transaction ${txId} is not (yet) in the ledger`);
    }
  }

  async height(operatorId: string, org?: string): Promise<bigint> {
    try {
      const contract = this.#network(operatorId).getContract('qscc');
      const options = { arguments: [this.#opts.channel], ...(org ? { endorsingOrganizations: [org] } : {}) };
      const bytes = await timed(this.#opts.observer, 'evaluate', () => contract.evaluate('GetChainInfo', options));
      return BigInt(common.BlockchainInfo.deserializeBinary(bytes).getHeight());
    } catch (err) {
      throw mapFabricError(err);
    }
  }

  async openEvents(operatorId: string, startBlock: bigint, signal: AbortSignal): Promise<AsyncIterable<BlockChaincodeEvent>> {
    let blocks: Awaited<ReturnType<Network['getBlockEvents']>>;
    try {
      blocks = await this.#network(operatorId).getBlockEvents({ startBlock });
    } catch (err) {
      throw mapFabricError(err);
    }
    const chaincode = this.#opts.chaincode;
    const onAbort = () => blocks.close();
    signal.addEventListener('abort', onAbort, { once: true });
    return (async function* () {
      try {
        for await (const block of blocks) {
          for (const ev of chaincodeEventsOfBlock(block)) {
            if (ev.chaincodeName === chaincode) yield ev;
          }
        }
      } catch (err) {
        if (!signal.aborted) throw mapFabricError(err);
      } finally {
        signal.removeEventListener('abort', onAbort);
        blocks.close();
      }
    })();
  }

  async ping(operatorId: string): Promise<void> {
    try {
      await this.#opts.connections.waitForReady(this.#opts.peer, 2000);
    } catch {
      throw new ApiError(503, 'PEER_UNAVAILABLE', 'the peer is not reachable');
    }
    await this.evaluate(operatorId, { contract: 'System', transaction: 'Ping', args: [] });
  }

  async close(): Promise<void> {
    for (const gw of this.#gateways.values()) gw.close();
    this.#gateways.clear();
    this.#opts.connections.close();
  }
}
