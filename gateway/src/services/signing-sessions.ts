import { randomBytes } from 'node:crypto';
import { principalId, type OperatorPrincipal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { checkClientSignature } from '../fabric/client-signature';
import type { IdentityStore } from '../fabric/identity-store';
import type { ClientSigner, SigningRequest } from '../fabric/ledger';
import { checkSigningCertificate, parseCertificate, type CheckedCertificate, type OrgCa } from '../fabric/signing-certificate';
import type { HandlerResult } from '../http/route-spec';

/** Limits of client-signing sessions. */
export interface SigningSessionOptions {
  /** How long one step waits for the client's signature before the session expires. */
  stepTimeoutMs: number;
  /** Sessions one operator may have open at once (default 8). */
  maxPerOperator?: number;
  /** Sessions open on this gateway at once (default 1000). */
  maxSessions?: number;
  /** Signatures one request may ask for (default 24: a registration with retries stays far below). */
  maxSteps?: number;
  /** How long an ended session's id still answers with why it ended (default 10 minutes). */
  tombstoneMs?: number;
}

/** Where the gateway finds and checks signing certificates. */
export interface SigningSessionDeps {
  identities: IdentityStore;
  /** The org's CA; without it this gateway cannot check client certificates and refuses client signing. */
  orgCa: OrgCa | undefined;
}

/** URL of a signing session. */
export const signingSessionUrl = (id: string): string => `/api/v1/signing-sessions/${id}`;

/** Headers of every client-signing response. */
const SIGNING_HEADERS = { 'Preference-Applied': 'sign=client', 'Cache-Control': 'no-store' } as const;

interface Pending {
  request: SigningRequest;
  step: number;
  expiresAt: number;
  timer: NodeJS.Timeout;
  resolve: (signature: Uint8Array) => void;
  reject: (err: Error) => void;
}

interface Session {
  id: string;
  owner: string;
  certificate: CheckedCertificate;
  /** Idempotency-Key of the request that started the session ('' for a read). */
  idempotencyKey: string;
  steps: number;
  pending?: Pending;
  /** Wakes the HTTP request waiting for the next step. */
  wake?: () => void;
  done: Promise<{ ok: true; result: HandlerResult } | { ok: false; error: unknown }>;
}

type Ended = { owner: string; why: 'completed' | 'expired' | 'aborted'; at: number };

/**
 * Client-signing sessions. A request stating `Prefer: sign=client` runs its handler as usual, but each chaincode
 * call's proposal and transaction are signed by the operator's client: the handler pauses at each signature, the
 * gateway answers 202 with the bytes to sign, and `POST /api/v1/signing-sessions/{id}` with the signature resumes it
 * until the route's own response (201, 200, or an error) comes back. Each step waits at most `stepTimeoutMs`;
 * then the session expires, the paused call fails and nothing more is submitted. Sessions live in this gateway's
 * memory only (a restart abandons them; the client starts again with the same Idempotency-Key).
 */
export class SigningSessions {
  readonly #live = new Map<string, Session>();
  readonly #ended = new Map<string, Ended>();
  readonly #opts: Required<SigningSessionOptions>;

  constructor(private readonly deps: SigningSessionDeps, opts: SigningSessionOptions) {
    this.#opts = { maxPerOperator: 8, maxSessions: 1000, maxSteps: 24, tombstoneMs: 600_000, ...opts };
  }

  /**
   * The certificate an operator signs with: the one presented in the request (checked against the org's CA and
   * the token), else the one enrolled for them on this gateway (checked the same way).
   */
  certificateFor(owner: OperatorPrincipal, presented: string | undefined): CheckedCertificate {
    const ca = this.deps.orgCa;
    if (!ca) throw new ApiError(503, 'CONFIG_MISSING', 'this gateway has no CA certificate configured, so it cannot accept client signatures');
    const source = presented ?? this.deps.identities.find(owner.operatorId)?.certificate;
    if (!source || source.length === 0) throw new ApiError(403, 'OPERATOR_NOT_ENROLLED', `operator ${owner.operatorId} has no certificate on this gateway; enrol first or send ${'GovChain-Signing-Certificate'}`);
    return checkSigningCertificate(parseCertificate(source), ca, owner);
  }

  /**
   * Starts a session: runs `run` with a signer that asks the client, and answers with the first signature request
   * (202) or, if the handler finishes or fails before needing one, with its result.
   */
  async start(owner: OperatorPrincipal, certificate: CheckedCertificate, idempotencyKey: string, run: (signer: ClientSigner) => Promise<HandlerResult>): Promise<HandlerResult> {
    this.#prune();
    const ownerId = principalId(owner);
    const mine = [...this.#live.values()].filter((s) => s.owner === ownerId).length;
    if (mine >= this.#opts.maxPerOperator || this.#live.size >= this.#opts.maxSessions) {
      throw new ApiError(429, 'TOO_MANY_SIGNING_SESSIONS', 'too many unfinished signing sessions; finish or let them expire', { open: mine, limit: this.#opts.maxPerOperator });
    }
    const session = { id: randomBytes(16).toString('base64url'), owner: ownerId, certificate, idempotencyKey, steps: 0 } as Session;
    const signer: ClientSigner = {
      operatorId: owner.operatorId,
      mspId: certificate.mspId,
      certificate: certificate.pem,
      sign: (request) => this.#ask(session, request),
    };
    this.#live.set(session.id, session);
    session.done = run(signer).then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    return this.#advance(session);
  }

  /** Returns the client's signature for the awaited step and answers with the next step or the final result. */
  async resume(owner: OperatorPrincipal, id: string, signature: Uint8Array, idempotencyKey: string): Promise<HandlerResult> {
    const session = this.#find(owner, id);
    if (session.idempotencyKey !== '' && idempotencyKey !== session.idempotencyKey) {
      throw new ApiError(409, 'IDEMPOTENCY_CONFLICT', 'send the Idempotency-Key of the request that started this signing session');
    }
    const pending = session.pending;
    if (!pending) throw new ApiError(409, 'SIGNING_STEP_CONFLICT', 'no signature is awaited right now (the last one is being processed); retry GET on the session');
    try {
      checkClientSignature(session.certificate.publicKey, pending.request.message, signature);
    } catch (err) {
      // Fail closed: a wrong signature ends the session, so the paused call never goes on.
      this.#end(session, 'aborted', err as Error);
      throw err;
    }
    clearTimeout(pending.timer);
    session.pending = undefined;
    pending.resolve(signature);
    return this.#advance(session);
  }

  /** The awaited step again (for a client that lost the 202), or 409 while the gateway is working. */
  current(owner: OperatorPrincipal, id: string): HandlerResult {
    const session = this.#find(owner, id);
    if (!session.pending) throw new ApiError(409, 'SIGNING_STEP_CONFLICT', 'no signature is awaited right now; the gateway is working on the last one');
    return this.#challenge(session, session.pending);
  }

  /** Ends every session (shutdown): paused calls fail, nothing more is submitted. */
  close(): void {
    for (const s of [...this.#live.values()]) this.#end(s, 'aborted', new ApiError(503, 'SHUTTING_DOWN', 'the gateway is shutting down'));
  }

  #ask(session: Session, request: SigningRequest): Promise<Uint8Array> {
    if (!this.#live.has(session.id)) return Promise.reject(new ApiError(410, 'SIGNING_SESSION_CLOSED', 'the signing session has ended'));
    if (session.steps >= this.#opts.maxSteps) return Promise.reject(new ApiError(500, 'INTERNAL', 'too many signatures asked for one request'));
    session.steps += 1;
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => this.#end(session, 'expired', new ApiError(410, 'SIGNING_SESSION_EXPIRED', 'the signature did not arrive in time; nothing further was submitted')), this.#opts.stepTimeoutMs);
      timer.unref();
      session.pending = { request, step: session.steps, expiresAt: Date.now() + this.#opts.stepTimeoutMs, timer, resolve, reject };
      session.wake?.();
    });
  }

  /** Waits until the handler asks for the next signature (202) or settles (its result or error). */
  async #advance(session: Session): Promise<HandlerResult> {
    const next = new Promise<'signature'>((resolve) => {
      session.wake = () => resolve('signature');
      if (session.pending) resolve('signature');
    });
    const outcome = await Promise.race([next, session.done]);
    session.wake = undefined;
    if (outcome === 'signature' && session.pending) return this.#challenge(session, session.pending);
    const settled = await session.done;
    this.#end(session, 'completed');
    if (!settled.ok) throw settled.error;
    return { ...settled.result, headers: { ...(settled.result.headers ?? {}), ...SIGNING_HEADERS } };
  }

  #challenge(session: Session, p: Pending): HandlerResult {
    const url = signingSessionUrl(session.id);
    return {
      status: 202,
      headers: { ...SIGNING_HEADERS, Location: url },
      body: {
        status: 'SIGNATURE_REQUIRED',
        session: session.id,
        signUrl: url,
        step: p.step,
        kind: p.request.kind,
        transactionId: p.request.transactionId,
        call: p.request.call,
        message: Buffer.from(p.request.message).toString('base64'),
        digest: Buffer.from(p.request.digest).toString('base64'),
        expiresAt: new Date(p.expiresAt).toISOString(),
        signer: { mspId: session.certificate.mspId, operatorId: session.certificate.operatorId, certificateSha256: session.certificate.sha256 },
      },
    };
  }

  #find(owner: OperatorPrincipal, id: string): Session {
    const ownerId = principalId(owner);
    const session = this.#live.get(id);
    if (session && session.owner === ownerId) return session;
    const ended = this.#ended.get(id);
    // Another operator's session is indistinguishable from none.
    if (ended && ended.owner === ownerId) {
      if (ended.why === 'expired') throw new ApiError(410, 'SIGNING_SESSION_EXPIRED', 'the signing session expired; start again with the same Idempotency-Key');
      throw new ApiError(410, 'SIGNING_SESSION_CLOSED', `the signing session has ended (${ended.why}); start again with the same Idempotency-Key`);
    }
    throw new ApiError(404, 'SIGNING_SESSION_NOT_FOUND', 'no such signing session');
  }

  #end(session: Session, why: Ended['why'], err?: Error): void {
    if (!this.#live.delete(session.id)) return;
    this.#ended.set(session.id, { owner: session.owner, why, at: Date.now() });
    const p = session.pending;
    session.pending = undefined;
    if (p) {
      clearTimeout(p.timer);
      p.reject(err ?? new ApiError(410, 'SIGNING_SESSION_CLOSED', 'the signing session has ended'));
    }
  }

  #prune(): void {
    const cutoff = Date.now() - this.#opts.tombstoneMs;
    for (const [id, e] of this.#ended) {
      if (e.at >= cutoff && this.#ended.size <= 10 * this.#opts.maxSessions) break;
      this.#ended.delete(id);
    }
  }
}
