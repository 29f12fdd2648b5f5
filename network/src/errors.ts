import type { ErrorKey } from '@govchain/chaincode';

/**
 * The keys a bounded wait fails with, one per thing waited for (docs/operations.md). The error's message and
 * details name the node and the condition: `{ node, waitedFor, timeoutMs, lastError? }`.
 */
export const WAIT_KEYS = {
  WAIT_TIMEOUT: 'a condition without a more specific key',
  CA_NOT_READY: 'a Fabric CA did not answer its health check or write its TLS certificate',
  NODE_NOT_HEALTHY: "a peer's or orderer's operations endpoint did not report healthy",
  ADMIN_NOT_LISTENING: "an orderer's channel-participation admin endpoint did not accept connections",
  PEER_NOT_SERVING: "a peer's gRPC endpoint did not answer a TLS handshake (its operations endpoint is up long before it)",
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
  CONFIG_UPDATE_NOT_APPLIED: 'a submitted channel config update did not show in the channel config',
} as const;

/** A stable key of a bounded wait. */
export type WaitKey = keyof typeof WAIT_KEYS;

/** The other keys of the network tooling (its CLI prints `[network] KEY: message` and the next step). */
export const NETWORK_KEYS = {
  TOPOLOGY_INVALID: 'the topology file is missing, unreadable or invalid; every problem is listed',
  NETWORK_NOT_UP: 'the network (or the part asked for) has not been brought up: no state, connection profile or certificates',
  NETWORK_BUSY: 'another network:up holds the data directory',
  NETWORK_EXISTS: "a network's data is in the data directory, and the command needs it empty",
  NETWORK_DEGRADED: 'some nodes of the network are not healthy',
  COMMAND_FAILED: 'a Fabric command or a node process failed; its output is in the message',
  CHANNEL_NOT_JOINED: "an orderer's admin endpoint refused to join the channel",
  NODE_UNKNOWN: 'no node (or more than one) has this name',
  NODE_NOT_RUNNING: 'the node is not running',
  CRYPTO_INVALID: "an MSP folder does not hold exactly the one certificate or key it should",
  PORT_IN_USE: 'a port of the topology is already in use on this host',
  TOOLCHAIN_GO_MISSING: 'Go is not on PATH, so the Fabric binaries cannot be built',
  TOOLCHAIN_GCC_MISSING: 'gcc is not on PATH; fabric-ca-server needs cgo for sqlite',
  TOOLCHAIN_BUILD_FAILED: 'building the Fabric or Fabric CA binaries failed (often: the Go module proxy refused a module)',
  COMPOSE_MISSING: 'docker-compose is not installed (the compose driver needs it and a Docker API)',
  CONTAINER_API_FAILED: 'the Docker API (a Docker engine or podman system service) did not answer or refused a request',
  CONTAINER_NOT_STARTED: "docker-compose created no running container for a node, or a file it needs is not mounted",
  CONTAINERS_LEFT: 'containers, volumes or networks of the compose project were still there after down',
  NETWORK_SECRET_EXPOSED: 'a private key was found among the public bundles of the exchange directory',
  SECRET_DESTINATION_REQUIRED: 'operator:add has nowhere safe for the one-time enrolment secret (no --secret-file, and standard output is no terminal)',
  SECRET_FILE_EXISTS: 'the --secret-file of operator:add already exists (the ticket goes only to a new 0600 file)',
  SECRET_FILE_UNWRITABLE: 'the --secret-file of operator:add cannot be created',
  CA_REGISTRAR_MISSING: "the org CA's registrar identity is not enrolled (bring the network up first)",
  CA_REFUSED: 'the Fabric CA answered no (for example: the operator is already registered)',
  CA_UNAVAILABLE: 'the Fabric CA did not answer',
  ORG_UNKNOWN: 'org:add or org:sign names an org that is not a department of the topology in use',
  ORG_IN_CHANNEL: 'org:add names a department that is already an org of the channel',
  TOPOLOGY_MISSING_ORG: "the topology in use lacks an org of the channel, or holds more than one department outside it (org:add adds one at a time)",
  CONFIG_UPDATE_MISSING: 'org:sign or org:add found no prepared channel config update for the joining org',
  CONFIG_UPDATE_INVALID: 'a channel config update or signature file is not what org:add prepared',
} as const;

/** Keys of the API error table the network tooling uses with the same meaning. */
type SharedKey = Extract<ErrorKey, 'INVALID_ARGUMENT' | 'DUPLICATE' | 'OPERATOR_NOT_ENROLLED'>;

/** Every key a NetworkError carries. */
export type NetworkErrorKey = WaitKey | keyof typeof NETWORK_KEYS | SharedKey;

/** A network-tooling failure with a stable key and the next step for the operator. */
export class NetworkError extends Error {
  constructor(
    readonly key: NetworkErrorKey,
    message: string,
    readonly hint?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}
