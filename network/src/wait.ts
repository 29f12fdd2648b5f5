import { connect } from 'node:net';
import { NetworkError } from './errors';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns true or the time limit passes; rejects with WAIT_TIMEOUT naming what it waited for. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, hint?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 100;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(delay);
    delay = Math.min(delay * 2, 1000);
  }
  throw new NetworkError('WAIT_TIMEOUT', `timed out after ${timeoutMs} ms waiting for ${what}`, hint);
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
