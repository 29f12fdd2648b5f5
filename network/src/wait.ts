import { connect, isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { NetworkError, WaitKey } from './errors';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a bounded wait waits for: the node it concerns, the condition, and the key it fails with. */
export interface WaitTarget {
  /** The node (or group of nodes, e.g. "every orderer") the wait is about. */
  node: string;
  /** The condition, phrased to follow "waiting for <node> to ...". */
  condition: string;
  key?: WaitKey;
  hint?: string;
}

/**
 * Polls `check` until it returns true or the time limit passes. Rejects with a NetworkError whose key is the
 * target's (WAIT_TIMEOUT by default) and whose message and details name the node, the condition, the time limit
 * and the last error `check` threw. A bare string target is a condition without a node.
 */
export async function waitFor(target: string | WaitTarget, check: () => Promise<boolean>, timeoutMs: number, hint?: string): Promise<void> {
  const w: WaitTarget = typeof target === 'string' ? { node: '-', condition: target } : target;
  const deadline = Date.now() + timeoutMs;
  let delay = 100;
  let lastError: string | undefined;
  while (Date.now() < deadline) {
    const ok = await check().catch((err: unknown) => {
      lastError = err instanceof Error ? err.message.split('\n')[0] : String(err);
      return false;
    });
    if (ok) return;
    await sleep(Math.min(delay, Math.max(0, deadline - Date.now())));
    delay = Math.min(delay * 2, 1000);
  }
  const what = w.node === '-' ? w.condition : `${w.node} to ${w.condition}`;
  throw new NetworkError(w.key ?? 'WAIT_TIMEOUT', `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`,
    w.hint ?? hint, { node: w.node, waitedFor: w.condition, timeoutMs, ...(lastError ? { lastError } : {}) });
}

/** True when something accepts TCP connections on host:port. */
export function tcpOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * True when a TLS server answers a handshake on host:port: it sent its certificate, or a TLS alert (a server that
 * wants a client certificate still speaks TLS). False when nothing listens, or when something accepts the TCP
 * connection but says nothing within the time limit: a Fabric peer listens on its port long before it serves it
 * (the kernel queues the connection), and a peer CLI call made then fails after its own 3 s connection timeout.
 * Certificates are not checked: this asks whether the node serves, not whom to trust.
 */
export function tlsServing(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host, port, rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('secureConnect', () => done(true));
    socket.once('error', (err: NodeJS.ErrnoException) => done(/alert|ERR_SSL_/i.test(`${err.code ?? ''} ${err.message}`)));
  });
}

/** GET an http(s) URL without certificate checks (local operations endpoints); resolves the status code or 0. */
export async function httpStatus(url: string, timeoutMs = 2000): Promise<number> {
  const ac = new AbortController();
  const t = setTimeout(() => ac.abort(), timeoutMs);
  try {
    const res = await fetch(url, { signal: ac.signal });
    return res.status;
  } catch {
    return 0;
  } finally {
    clearTimeout(t);
  }
}
