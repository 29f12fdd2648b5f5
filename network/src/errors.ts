/** A network-tooling failure with a stable key and the next step for the operator. */
export class NetworkError extends Error {
  constructor(
    readonly key: string,
    message: string,
    readonly hint?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

/**
 * The keys a bounded wait fails with, one per thing waited for (docs/operations.md). The error's message and
 * details name the node and the condition: `{ node, waitedFor, timeoutMs, lastError? }`.
 */
export const WAIT_KEYS = {
  WAIT_TIMEOUT: 'a condition without a more specific key',
  CA_NOT_READY: 'a Fabric CA did not answer its health check or write its TLS certificate',
  NODE_NOT_HEALTHY: "a peer's or orderer's operations endpoint did not report healthy",
  ADMIN_NOT_LISTENING: "an orderer's channel-participation admin endpoint did not accept connections",
  CHANNEL_NOT_SERVED: 'an orderer did not report the channel active (it cannot serve deliveries)',
  RAFT_NO_LEADER: 'the orderers did not agree on one Raft leader (transactions would get SERVICE_UNAVAILABLE)',
  PEER_BEHIND: "a peer's ledger did not reach the height it has to catch up to",
  ORDERER_BEHIND: "an orderer's ledger did not reach the other orderers' height",
  CHAINCODE_SERVER_DOWN: 'the chaincode server did not accept connections',
  CHAINCODE_NOT_APPROVED: "a peer did not see every org's approval of the chaincode definition",
  DISCOVERY_INCOMPLETE: "a peer could not reach the chaincode and every other department's peer",
  NODE_NOT_STOPPED: 'a node was still running after the stop time limit',
  BUNDLE_MISSING: "another org's host did not publish its public bundle or the genesis block in the exchange directory",
  CHAINCODE_NOT_COMMITTED: 'the chaincode definition was not committed on the channel (by the governance host)',
  GOVERNANCE_NOT_SEEDED: 'the governance record did not appear on the channel (seeded by the governance host)',
  SIGNATURES_MISSING: "a channel config update did not collect a majority of the orgs' admin signatures",
} as const;

/** A stable key of a bounded wait. */
export type WaitKey = keyof typeof WAIT_KEYS;
