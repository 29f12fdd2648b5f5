import { toBase64 } from './bytes';
import { errorFromBody, GovChainError } from './errors';
import { signerFacts, type OperatorSigner } from './operator-signer';
import { checkStep, type SignatureRequired, type SignedStep, type StepContext } from './signing-step';

/** Settings of a GovChain client for one department gateway. */
export interface GovChainClientOptions {
  /** The gateway, e.g. https://gateway.publicsecurity.example (no trailing slash needed). */
  baseUrl: string;
  /** The operator's (or citizen's) bearer token, or a function returning a fresh one. */
  token: string | (() => string | Promise<string>);
  /** The operator's own signing identity: when set, every request states `Prefer: sign=client`. */
  signer?: OperatorSigner;
  /** Send the signing certificate with each request (default true; the gateway otherwise uses the one it enrolled). */
  sendCertificate?: boolean;
  /** Called before each signature with what will be signed; return false to decline (nothing is signed). */
  onSign?: (step: SignedStep) => boolean | void | Promise<boolean | void>;
  /** What every signed message must name (recommended: the channel and chaincode of the deployment). */
  expect?: { channel?: string; chaincode?: string };
  /** Whole-request attempts on transient failures with the same Idempotency-Key (default 2 retries). */
  retries?: number;
  /** Upper bound of one HTTP exchange (default 90 s: a write waits for its commit). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** One request. POSTs get a fresh Idempotency-Key unless one is given. */
export interface RequestOptions {
  body?: unknown;
  idempotencyKey?: string;
  /** `Prefer: respond-async`: 202 with the transaction URL once ordered. */
  respondAsync?: boolean;
  headers?: Record<string, string>;
}

/** The final answer of a request, and every signature this client made for it. */
export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  idempotencyKey: string | undefined;
  signed: SignedStep[];
}

/** Gateway errors worth a whole new attempt with the same Idempotency-Key (the ledger keeps writes idempotent). */
const RETRYABLE = new Set(['PEER_UNAVAILABLE', 'ORDERER_UNAVAILABLE', 'ENDORSER_BEHIND', 'OWNER_PEER_BEHIND', 'COMMIT_STATUS_UNKNOWN', 'SIGNING_SESSION_EXPIRED', 'NETWORK_ERROR']);

const newKey = (): string => `gc-${crypto.randomUUID()}`;

/**
 * A client of one GovChain department gateway: bearer tokens, Idempotency-Keys on every POST, the gateway's
 * error keys as GovChainError, and — with a signer — the client-signing dance: each 202 SIGNATURE_REQUIRED step is
 * decoded and checked (checkStep), signed with the operator's own key and returned, until the route's response.
 * Runs in Node 20+ and browsers (fetch and Web Crypto).
 */
export class GovChainClient {
  readonly #o: GovChainClientOptions;
  #facts: Promise<{ certificateDer: Uint8Array; certificateSha256: string }> | undefined;

  constructor(options: GovChainClientOptions) {
    this.#o = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
  }

  /** GET → the body; errors as GovChainError. */
  async get<T = unknown>(path: string, opts: Omit<RequestOptions, 'body' | 'idempotencyKey'> = {}): Promise<T> {
    return this.#ok<T>(await this.send('GET', path, opts));
  }

  /** GET of a binary answer (a certificate PDF, a receipt's block-data part) → its bytes; errors as GovChainError. */
  async getBytes(path: string): Promise<Uint8Array> {
    const body = this.#ok<unknown>(await this.send('GET', path));
    if (!(body instanceof Uint8Array)) throw new GovChainError(200, 'UNEXPECTED_RESPONSE', `${path} answered no PDF or octet stream`);
    return body;
  }

  /** POST → the body (201 for writes, 200 for disclosures and lookups); errors as GovChainError. */
  async post<T = unknown>(path: string, body: unknown, opts: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.#ok<T>(await this.send('POST', path, { ...opts, body }));
  }

  /**
   * Sends a request and follows the signing steps; resolves with the final answer whatever its status (4xx/5xx
   * included). Retries transient failures with the same Idempotency-Key. Throws GovChainError only when the
   * client itself refused to sign, or no answer came.
   */
  async send<T = unknown>(method: 'GET' | 'POST', path: string, opts: RequestOptions = {}): Promise<ApiResult<T>> {
    const idempotencyKey = method === 'POST' ? (opts.idempotencyKey ?? newKey()) : undefined;
    const retries = this.#o.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      let result: ApiResult<T>;
      try {
        result = await this.#attempt<T>(method, path, opts, idempotencyKey);
      } catch (err) {
        if (!(err instanceof GovChainError) || err.key !== 'NETWORK_ERROR' || attempt >= retries) throw err;
        await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
        continue;
      }
      const key = (result.body as { error?: { key?: string } } | undefined)?.error?.key;
      if (result.status < 400 || !key || !RETRYABLE.has(key) || attempt >= retries) return result;
      await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
    }
  }

  async #attempt<T>(method: 'GET' | 'POST', path: string, opts: RequestOptions, idempotencyKey: string | undefined): Promise<ApiResult<T>> {
    const signer = this.#o.signer;
    const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers ?? {}) };
    const prefer = [opts.respondAsync ? 'respond-async' : '', signer ? 'sign=client' : ''].filter(Boolean).join(', ');
    if (prefer) headers.prefer = prefer;
    if (signer && this.#o.sendCertificate !== false) headers['govchain-signing-certificate'] = toBase64((await this.#signerFacts()).certificateDer);
    let res = await this.#fetch(method, path, headers, method === 'POST' ? opts.body ?? {} : undefined, idempotencyKey);
    const signed: SignedStep[] = [];
    if (signer) {
      const facts = await this.#signerFacts();
      const ctx: StepContext = { mspId: signer.mspId, ...facts, idempotencyKey, proposals: new Map(), ...(this.#o.expect ? { expect: this.#o.expect } : {}) };
      while (res.status === 202 && (res.body as SignatureRequired | undefined)?.status === 'SIGNATURE_REQUIRED') {
        const step = res.body as SignatureRequired;
        const checked = await checkStep(step, ctx);
        if ((await this.#o.onSign?.(checked.signed)) === false) {
          throw new GovChainError(0, 'SIGNING_DECLINED', `declined to sign ${checked.signed.fn}`, checked.signed);
        }
        const signature = await signer.sign(checked.message);
        signed.push(checked.signed);
        // The continuation carries the Idempotency-Key of the request it continues (a read's session has none).
        res = await this.#fetch('POST', step.signUrl, { accept: 'application/json' }, { signature: toBase64(signature) }, idempotencyKey ?? newKey());
      }
    }
    return { status: res.status, body: res.body as T, headers: res.headers, idempotencyKey, signed };
  }

  #signerFacts() {
    const signer = this.#o.signer;
    if (!signer) throw new Error('no signer');
    this.#facts ??= signerFacts(signer);
    return this.#facts;
  }

  async #fetch(method: string, path: string, headers: Record<string, string>, body: unknown, idempotencyKey: string | undefined) {
    const token = typeof this.#o.token === 'function' ? await this.#o.token() : this.#o.token;
    const all: Record<string, string> = { ...headers, authorization: `Bearer ${token}` };
    if (method === 'POST') {
      all['content-type'] = 'application/json';
      if (idempotencyKey) all['idempotency-key'] = idempotencyKey;
    }
    let res: Response;
    try {
      res = await (this.#o.fetch ?? fetch)(this.#o.baseUrl + path, {
        method, headers: all, signal: AbortSignal.timeout(this.#o.timeoutMs ?? 90_000),
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (err) {
      throw new GovChainError(0, 'NETWORK_ERROR', `no answer from ${this.#o.baseUrl}: ${(err as Error).message}`);
    }
    // A PDF or a block-data part comes back as its bytes; everything else as JSON (or text, when it is not JSON).
    const type = res.headers.get('content-type') ?? '';
    if (/^application\/(pdf|octet-stream)\b/.test(type)) return { status: res.status, body: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: left as text for the caller
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  #ok<T>(result: ApiResult<T>): T {
    if (result.status >= 400) throw errorFromBody(result.status, result.body);
    return result.body;
  }
}
