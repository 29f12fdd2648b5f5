import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';

/** How to reach one peer's gateway service. */
export interface PeerEndpoint {
  endpoint: string;
  hostAlias: string;
  tlsRootCertPath: string;
}

/**
 * One long-lived gRPC client per peer endpoint, shared by every operator's Gateway.
 * Keepalive keeps the connection warm; closing happens once, at shutdown.
 */
export class ConnectionPool {
  readonly #clients = new Map<string, grpc.Client>();

  /** The client for an endpoint, created on first use. */
  get(peer: PeerEndpoint): grpc.Client {
    let client = this.#clients.get(peer.endpoint);
    if (!client) {
      const credentials = grpc.credentials.createSsl(readFileSync(peer.tlsRootCertPath));
      client = new grpc.Client(peer.endpoint, credentials, {
        'grpc.ssl_target_name_override': peer.hostAlias,
        'grpc.keepalive_time_ms': 60_000,
        'grpc.keepalive_timeout_ms': 10_000,
        'grpc.keepalive_permit_without_calls': 1,
      });
      this.#clients.set(peer.endpoint, client);
    }
    return client;
  }

  /** Resolves when the peer's connection is ready, or rejects after `timeoutMs`. */
  waitForReady(peer: PeerEndpoint, timeoutMs: number): Promise<void> {
    const client = this.get(peer);
    return new Promise((resolve, reject) => {
      client.waitForReady(Date.now() + timeoutMs, (err) => (err ? reject(err) : resolve()));
    });
  }

  /** Closes every connection. */
  close(): void {
    for (const client of this.#clients.values()) client.close();
    this.#clients.clear();
  }
}
