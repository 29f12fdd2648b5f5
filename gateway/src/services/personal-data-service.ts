import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import type { Ledger } from '../fabric/ledger';
import { Audit, Identity, PERSONAL_DATA_KEY, registerSchema, type RecordType, type RequestAccessInput, type TransientOf } from '@govchain/chaincode';
import { call, txRequest } from '../fabric/call';
import { decodeJson } from './json';
import type { RecordService, WriteOutcome } from './record-service';

/** Registrar MSP per record type (from the topology's `registers`). */
export type Registrars = Partial<Record<RecordType, string>>;

/** The claim of a verify lookup (ID number and name) and of a subject-key lookup (ID number), as transient data. */
export type VerifyClaim = TransientOf<typeof Identity.tx.Verify>['personalData'];
export type SubjectKeyClaim = TransientOf<typeof Identity.tx.SubjectKey>['personalData'];

/** Why an identity lookup is made (recorded in its audit entry). */
export interface LookupReason {
  purpose: string;
  legalBasis: string;
  caseId: string;
}

/** A lookup's answer ({match} or {subjectKey}) and the committed audit entry it cites. */
export type LookupAnswer = Record<string, unknown> & { accessId: string; auditTxId: string; auditBlockNumber: number };

/** The access id an audit transaction returned, or 500 DISCLOSURE_FAILED (nothing is disclosed without one). */
function accessIdOf(result: Uint8Array, txId: string): string {
  const entry = decodeJson(result) as { accessId?: unknown } | null;
  if (typeof entry?.accessId !== 'string') throw new ApiError(500, 'DISCLOSURE_FAILED', 'the audit entry carries no access id', undefined, txId);
  return entry.accessId;
}

/** What a disclosure returns: the committed access entry and the data read under it. */
export interface Disclosure {
  accessId: string;
  auditTxId: string;
  auditBlockNumber: number;
  personalData: unknown;
}

/**
 * The two personal-data flows. Personal data travels only in the transient map (`personalData`) and is
 * endorsed only by the registrar's own org; disclosure is fail-closed: the audit entry must commit
 * before the owning org's peer is asked for the data.
 */
/** Upper bound on waiting for the owner's peer to commit the audit entry before reading. */
const OWNER_COMMIT_WAIT_MS = 5_000;

export class PersonalDataService {
  #rotation = 0;

  constructor(
    private readonly ledger: Ledger,
    private readonly records: RecordService,
    private readonly mspId: string,
    private readonly registrars: Registrars,
  ) {}

  /** MSP of the org holding identity personal data. */
  ownerMsp(): string {
    const msp = this.registrars.identity;
    if (!msp) throw new ApiError(503, 'CONFIG_MISSING', 'no identity registrar is configured');
    return msp;
  }

  /**
   * Registers an identity: Identity:StagePersonalData with the personal data as transient data, endorsed
   * by this org only (it writes only to this org's private collection), then Identity:Register with the
   * subject key and fingerprints it returned. Both use the Idempotency-Key as request id: the stage keeps
   * its idempotency record in the private collection, Register in public state, so they never collide.
   */
  async register(principal: Principal, personalData: TransientOf<typeof Identity.tx.StagePersonalData>['personalData'], opts: { idempotencyKey: string; respondAsync: boolean }): Promise<WriteOutcome> {
    const stage = call(Identity.tx.StagePersonalData, [], { transient: { [PERSONAL_DATA_KEY]: personalData }, endorsingOrganizations: [this.mspId] });
    const staged = await this.ledger.submit(this.records.actorFor(principal), txRequest(stage, opts.idempotencyKey));
    // Register takes the staging receipt; keep exactly the fields of the chaincode's Register schema.
    const receipt = (decodeJson(staged.result) ?? {}) as Record<string, unknown>;
    const input = registerSchema.safeParse(Object.fromEntries(Object.keys(registerSchema.shape).map((k) => [k, receipt[k]])));
    if (!input.success) {
      throw new ApiError(500, 'INTERNAL', 'staging returned an unexpected receipt', undefined, staged.txId);
    }
    const endorsingOrganizations = await this.endorsersHolding(this.records.signerFor(principal), staged.blockNumber, staged.txId);
    return this.records.write(principal, call(Identity.tx.Register, [input.data], endorsingOrganizations ? { endorsingOrganizations } : {}), opts);
  }

  /**
   * Register checks the staged hash on every endorsing peer, and another department's peer may commit the staging
   * block a moment after ours: endorsing there too early fails with INVALID_STATE. So Register goes to this org and
   * to another registrar org (rotating, to spread the load) whose peer already holds the block, waiting bounded.
   */
  private async endorsersHolding(signer: string, blockNumber: bigint, txId: string): Promise<string[] | undefined> {
    const others = [...new Set(Object.values(this.registrars))].filter((m) => m !== this.mspId);
    if (others.length === 0) return undefined;
    const start = this.#rotation++ % others.length;
    const holder = await this.firstPeerHolding(signer, [...others.slice(start), ...others.slice(0, start)], blockNumber);
    if (!holder) throw new ApiError(503, 'ENDORSER_BEHIND', `no other department's peer committed the staging within ${OWNER_COMMIT_WAIT_MS} ms; retry with the same Idempotency-Key`, undefined, txId);
    return [this.mspId, holder];
  }

  /**
   * An identity lookup is a disclosure: Audit:RecordLookup (the claim in the transient map, the purpose, legal
   * basis and case in the argument) is submitted and committed first; only then does Identity:Verify or
   * Identity:SubjectKey, on this org's peer (which reported the commit), answer citing the committed entry.
   * If the audit write fails, the error is returned and nothing is answered. A replay with the same
   * Idempotency-Key cites the same entry, which answers for 5 minutes only.
   */
  async lookup(principal: Principal, kind: 'verify', claim: VerifyClaim, why: LookupReason, idempotencyKey: string): Promise<LookupAnswer>;
  async lookup(principal: Principal, kind: 'subject-key', claim: SubjectKeyClaim, why: LookupReason, idempotencyKey: string): Promise<LookupAnswer>;
  async lookup(principal: Principal, kind: 'verify' | 'subject-key', claim: VerifyClaim | SubjectKeyClaim, why: LookupReason, idempotencyKey: string): Promise<LookupAnswer> {
    const signer = this.records.actorFor(principal);
    const transient = { [PERSONAL_DATA_KEY]: claim };
    const record = call(Audit.tx.RecordLookup, [{ lookup: kind, ...why }], { transient, endorsingOrganizations: this.lookupEndorsers() });
    const audit = await this.ledger.submit(signer, txRequest(record, idempotencyKey));
    const accessId = accessIdOf(audit.result, audit.txId);
    const cite = { endorsingOrganizations: [this.mspId] };
    const answerCall = kind === 'verify'
      ? call(Identity.tx.Verify, [accessId], { ...cite, transient: { [PERSONAL_DATA_KEY]: claim as VerifyClaim } })
      : call(Identity.tx.SubjectKey, [accessId], { ...cite, transient: { [PERSONAL_DATA_KEY]: claim as SubjectKeyClaim } });
    const answer = await this.ledger.evaluate(signer, txRequest(answerCall));
    return { ...(decodeJson(answer) as Record<string, unknown>), accessId, auditTxId: audit.txId, auditBlockNumber: Number(audit.blockNumber) };
  }

  /**
   * Endorsers of a lookup: this org (its anchors collection holds the entry's anchor) and one other department,
   * rotating. Named explicitly because the claim travels in the transient map, which the peer gateway sends only to
   * orgs a client names (or that are in the collection's distribution policy).
   */
  private lookupEndorsers(): string[] {
    const others = [...new Set(Object.values(this.registrars))].filter((m): m is string => !!m && m !== this.mspId);
    if (others.length === 0) return [this.mspId];
    return [this.mspId, others[this.#rotation++ % others.length] as string];
  }

  /**
   * Records the access (Audit:RequestAccess, submitted and committed) and only then evaluates
   * Identity:ReadPersonalData on the owning org's peer, citing the committed access id.
   * If the audit write fails, the error is thrown and no data is read.
   */
  async disclose(principal: Principal, request: RequestAccessInput, idempotencyKey: string): Promise<Disclosure> {
    const signer = this.records.actorFor(principal);
    const audit = await this.ledger.submit(signer, txRequest(call(Audit.tx.RequestAccess, [request]), idempotencyKey));
    const accessId = accessIdOf(audit.result, audit.txId);
    await this.ownerHasCommitted(this.records.signerFor(principal), audit.blockNumber, audit.txId);
    const data = await this.ledger.evaluate(signer, txRequest(call(Identity.tx.ReadPersonalData, [accessId], { endorsingOrganizations: [this.ownerMsp()] })));
    return { accessId, auditTxId: audit.txId, auditBlockNumber: Number(audit.blockNumber), personalData: decodeJson(data) };
  }

  /**
   * The commit status comes from this org's peer; the owner's peer may commit the same block a moment later,
   * and until then it would (rightly) deny the read. Waits, bounded, until the owner's peer holds the block.
   */
  private async ownerHasCommitted(signer: string, blockNumber: bigint, txId: string): Promise<void> {
    if (await this.firstPeerHolding(signer, [this.ownerMsp()], blockNumber)) return;
    throw new ApiError(503, 'OWNER_PEER_BEHIND', `the owning department's peer has not committed the access entry within ${OWNER_COMMIT_WAIT_MS} ms; retry with the same Idempotency-Key`, undefined, txId);
  }

  /**
   * The first of `msps` (in order) whose peer holds block `blockNumber`, polling with backoff for at most
   * OWNER_COMMIT_WAIT_MS; undefined when none does in time.
   */
  private async firstPeerHolding(signer: string, msps: readonly string[], blockNumber: bigint): Promise<string | undefined> {
    const deadline = Date.now() + OWNER_COMMIT_WAIT_MS;
    for (let delay = 25; ; delay = Math.min(delay * 2, 400)) {
      for (const msp of msps) if ((await this.ledger.height(signer, msp)) > blockNumber) return msp;
      if (Date.now() + delay > deadline) return undefined;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
