import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { after, before } from 'node:test';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { dataDir, departments, loadConnectionProfile, loadTopology, profilePath } from '@govchain/network';
import { GovChainClient, type OperatorSigner } from '@govchain/client';
import { devOperatorSigner, ensureServiceIdentity, SERVICE_IDENTITY, tokenClaims } from '../support/client-signing';
import { randomCitizen } from '@govchain/testing';

const REPO = resolve(__dirname, '..', '..', '..');
const MAIN = resolve(REPO, 'gateway', 'dist', 'main.js');
const TOKEN_CLI = resolve(REPO, 'gateway', 'dist', 'cli', 'token.js');
/**
 * E2E gateways listen on PORT_BASE + department index, 300 above the topology's own gateway ports (3300 for the
 * default topology), so a shifted topology (a second Fabric slot) also shifts its test gateways.
 */
export const PORT_BASE = Number(process.env.GOVCHAIN_E2E_GATEWAY_PORT_BASE ?? Math.min(...departments(loadTopology()).map((d) => d.gatewayPort)) + 300);

/**
 * Client-signing mode of a test file (see useClientSigning): gateways start without operator keys and every
 * operator call is signed in the client with the operator's own key.
 */
let clientSigning = false;

/** Every call made in client-signing mode: route, status and how many signatures the client made for it. */
export const signedCalls: Array<{ method: string; path: string; status: number; signatures: number }> = [];

/**
 * Switches this test file to client signing: gateways it starts hold no operator key (GOVCHAIN_DEV_OPERATOR_KEYS
 * false, their own service identity for ledger reads) and `call` signs every operator request in the client
 * (`Prefer: sign=client`) with that operator's key, as @govchain/client does for a service-window app.
 */
export function useClientSigning(): void {
  clientSigning = true;
}

/** A gateway process started by a test. */
export interface TestGateway {
  org: string;
  mspId: string;
  url: string;
  /** The operations listener (/metrics, /live, /ready), loopback only. */
  opsUrl: string;
  /** The gateway's process id (its command line and open sockets are inspected by security tests). */
  pid(): number | undefined;
  /** True while the gateway process runs. */
  running(): boolean;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Kills the gateway with SIGKILL (a crash: requests in flight are cut off) and waits until it has exited. */
  crash(): Promise<void>;
  /** Starts it again after a stop or crash and waits for /ready. */
  start(): Promise<void>;
}

/** An HTTP response as the tests look at it. */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`gateway exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(3000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gateway at ${url} not ready after ${timeoutMs} ms`);
}

/** Starts the real gateway of one department (its own process, its own operators' keys) and waits for /ready. */
export async function startGateway(org: string, env: Record<string, string> = {}): Promise<TestGateway> {
  const orgs = departments(loadTopology());
  const index = orgs.findIndex((o) => o.name === org);
  const dept = orgs[index];
  if (!dept) throw new Error(`no department ${org}`);
  const port = Number(env.GOVCHAIN_GATEWAY_PORT ?? PORT_BASE + index);
  if (clientSigning) await ensureServiceIdentity(org);
  const keys = clientSigning ? { GOVCHAIN_DEV_OPERATOR_KEYS: 'false', GOVCHAIN_SERVICE_OPERATOR: SERVICE_IDENTITY } : { GOVCHAIN_DEV_OPERATOR_KEYS: 'true' };
  const url = `http://127.0.0.1:${port}`;
  const opsUrl = `http://127.0.0.1:${Number(env.GOVCHAIN_OPS_PORT ?? port + 6000)}`;
  const logDir = resolve(dataDir(), 'gateway');
  mkdirSync(logDir, { recursive: true });
  let child: ChildProcess;
  const launch = async (): Promise<void> => {
    const log = openSync(resolve(logDir, `e2e-${org}.log`), 'a');
    child = spawn(process.execPath, [MAIN, '--org', org, '--port', String(port), '--connection-profile', profilePath()], {
      stdio: ['ignore', log, log],
      // The topology's operators have development keys the gateway may hold, except in client-signing mode.
      // Every e2e request comes from 127.0.0.1: lift the per-IP limit (its own test sets it low again).
      env: { ...process.env, GOVCHAIN_LOG_LEVEL: 'warn', GOVCHAIN_IP_RATE_LIMIT_PER_MINUTE: '1000000', ...keys, ...env },
    });
    closeSync(log);
    await waitReady(url, child, 30_000);
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const crash = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
  };
  await launch();
  return {
    org,
    mspId: dept.mspId,
    url,
    opsUrl,
    pid: () => child.pid,
    running: () => child.exitCode === null && child.signalCode === null,
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
    crash,
    start: launch,
  };
}

/** Issues a development token with the gateway's token CLI (for the org's own gateway audience unless `audience` is given). */
export function tokenFor(org: string, sub: string, role: string, ttl = 600, audience?: string): string {
  const args = role === 'citizen' ? ['--org', org, '--role', role, '--subject', sub] : ['--org', org, '--operator', sub, '--role', role];
  const env = { ...process.env, GOVCHAIN_CONNECTION_PROFILE: profilePath(), ...(audience === undefined ? {} : { GOVCHAIN_JWT_AUDIENCE: audience }) };
  return execFileSync(process.execPath, [TOKEN_CLI, ...args, '--ttl', String(ttl)], { encoding: 'utf8', env }).trim();
}

const signers = new Map<string, Promise<OperatorSigner>>();

/** The same request through @govchain/client, signed in the client by the token's operator. */
async function signedCall<T>(gw: TestGateway, method: 'GET' | 'POST', path: string, opts: { token: string; body?: unknown; key?: string; headers?: Record<string, string> }): Promise<ApiResponse<T>> {
  const claims = tokenClaims(opts.token);
  const id = `${claims.org}/${claims.sub}`;
  if (!signers.has(id)) signers.set(id, devOperatorSigner(claims.org, claims.sub));
  const { prefer, ...headers } = opts.headers ?? {};
  const profile = loadConnectionProfile();
  const client = new GovChainClient({ baseUrl: gw.url, token: opts.token, signer: await (signers.get(id) as Promise<OperatorSigner>), retries: 0, expect: { channel: profile.channel, chaincode: profile.chaincode } });
  const res = await client.send<T>(method, path, {
    ...(method === 'POST' ? { body: opts.body ?? {} } : {}),
    ...(opts.key ? { idempotencyKey: opts.key } : {}),
    ...(prefer?.includes('respond-async') ? { respondAsync: true } : {}),
    headers,
  });
  signedCalls.push({ method, path: path.split('?')[0] ?? path, status: res.status, signatures: res.signed.length });
  return { status: res.status, body: res.body, text: typeof res.body === 'string' ? res.body : JSON.stringify(res.body), headers: res.headers };
}

/**
 * Calls the API. POSTs get a fresh Idempotency-Key unless one is given (or `key: null` to omit it). In
 * client-signing mode an operator's request (with an Idempotency-Key, unless a GET) is signed in the client.
 */
export async function call<T = unknown>(
  gw: TestGateway,
  method: 'GET' | 'POST',
  path: string,
  opts: { token?: string; body?: unknown; key?: string | null; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<ApiResponse<T>> {
  if (clientSigning && opts.token && opts.key !== null && typeof opts.body !== 'string' && tokenClaims(opts.token).role !== 'citizen') {
    const { key, ...rest } = opts;
    return signedCall<T>(gw, method, path, { ...rest, token: opts.token, ...(key ? { key } : {}) });
  }
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (method === 'POST') {
    headers['content-type'] ??= 'application/json';
    if (opts.key !== null) headers['idempotency-key'] = opts.key ?? `e2e-${randomUUID()}`;
  }
  const res = await fetch(gw.url + path, {
    method,
    headers,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(method === 'POST' ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body ?? {}) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (metrics, docs)
  }
  return { status: res.status, body: body as T, text, headers: res.headers };
}

/** A reason and legal authority, required by every amendment. */
export const BECAUSE = { reason: 'end-to-end test', legalAuthority: 'Test Regulation art. 1' };

/** Starts the gateways of the given departments (default: every department). */
export async function startGateways(orgs?: string[]): Promise<Record<string, TestGateway>> {
  const names = orgs ?? departments(loadTopology()).map((d) => d.name);
  // Service identities are enrolled one at a time (each rewrites the connection profile).
  if (clientSigning) for (const n of names) await ensureServiceIdentity(n);
  const results = await Promise.allSettled(names.map((n) => startGateway(n)));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    // Stop the ones that did start: a suite whose setup failed must not leave gateways (and the run) hanging.
    await Promise.all(started.map((g) => g.stop()));
    throw failed.reason;
  }
  return Object.fromEntries(started.map((g) => [g.org, g]));
}

/** Stops gateways started by startGateways. */
export async function stopGateways(gws: Record<string, TestGateway>): Promise<void> {
  await Promise.all(Object.values(gws).map((g) => g.stop()));
}

/** Registers a citizen through the PublicSecurity gateway; returns the subject key. */
export async function registerCitizen(ps: TestGateway, person = randomCitizen()): Promise<string> {
  const res = await call<{ data: { subjectKey: string } }>(ps, 'POST', '/api/v1/identities', {
    token: tokenFor(ps.org, 'registrar1', 'registrar'),
    body: { personalData: person },
  });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${res.text}`);
  return res.body.data.subjectKey;
}

/** The identity registrar's and the copyright office's gateways, as a suite uses them. */
export interface RegistrarGateways {
  all: Record<string, TestGateway>;
  ps: TestGateway;
  co: TestGateway;
}

/**
 * Starts the PublicSecurity and CopyrightOffice gateways before the enclosing suite and stops them after it.
 * The returned object is filled in by the `before` hook.
 */
export function useRegistrarGateways(): RegistrarGateways {
  const suite = { all: {} } as RegistrarGateways;
  before(async () => {
    suite.all = await startGateways(['PublicSecurity', 'CopyrightOffice']);
    suite.ps = suite.all.PublicSecurity as TestGateway;
    suite.co = suite.all.CopyrightOffice as TestGateway;
  });
  after(async () => stopGateways(suite.all));
  return suite;
}

/** One Server-Sent GovChainEvent as the tests read it. */
export interface SseEvent {
  id: string;
  data: { blockNumber: number; txIndex: number; txId: string; payload: { org?: string; changes: Array<{ family: string; id: string; action?: string }> } };
}

/** Reads SSE events until `until` holds or the time limit passes, then closes the stream. */
export async function readEvents(gw: TestGateway, token: string, lastEventId: string | undefined, until: (evs: SseEvent[]) => boolean, onOpen?: () => Promise<void>, timeoutMs = 30_000): Promise<SseEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const res = await fetch(`${gw.url}/api/v1/events`, { headers, signal: controller.signal });
  if (res.status !== 200) throw new Error(`events: HTTP ${res.status} ${await res.text()}`);
  const events: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  let opened = false;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let idx: number;
      while ((idx = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        if (!opened && frame.includes(': connected')) {
          opened = true;
          if (onOpen) await onOpen();
        }
        const id = /^id: (.+)$/m.exec(frame)?.[1];
        const data = /^data: (.+)$/m.exec(frame)?.[1];
        if (id && data && /^event: GovChainEvent$/m.test(frame)) events.push({ id, data: JSON.parse(data) as SseEvent['data'] });
      }
      if (until(events)) break;
    }
  } catch (err) {
    if (!controller.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}
