import { blockHeaderBytes, blockHeaderHash, headerFields, type HeaderFields } from './block-header';
import { BlockDataError, unpackOthers } from './block-data';
import { bytesEqual, concatBytes, fromBase64, fromUtf8, sha256, toHex, utf8 } from './bytes';
import { decodeTransaction, invocationOf, timestampOf, type DecodedTransaction } from './envelope';
import { DecodeError } from './errors';
import { CheckRecorder, type CheckId, type CheckResult } from './findings';
import { canonicalJson, type KeyPolicy, type PrivateWrite, type Receipt, type ReceiptRecord } from './format';
import { recordSignedBy } from './identity-findings';
import { decodePolicyEnvelope, parsePolicy, renderPolicy, satisfies, type Policy, type Signer } from './policy';
import { common, proposal, proposalResponse, transaction } from './protos';
import { recordIdentity } from './records';
import { decodeStrict } from './strict-decode';
import type { TrustStore } from './trust';

/** Options of a verification. */
export interface VerifyOptions {
  /** The org root CAs to trust (nothing else is trusted). */
  trust: TrustStore;
  /** SHA-256 (hex) of a file that should be the deposited work (`--file`). */
  fileSha256?: string;
  /** Distinct departments whose peers must attest validity (default 2). */
  minAttestingOrgs?: number;
  /** The block-data parts, in order, when the receipt names parts instead of inlining them. */
  parts?: readonly Uint8Array[];
}

/** The outcome of verifying one receipt. */
export interface VerificationReport {
  ok: boolean;
  /** SHA-256 of the receipt's canonical JSON: what a certificate's QR code carries. */
  digest: string;
  txId: string;
  channel: string;
  blockNumber: string;
  txIndex: number;
  /** Transaction time (ISO-8601) from the signed channel header, when it decoded. */
  timestamp?: string;
  records: ReceiptRecord[];
  checks: CheckResult[];
}

const VALID = transaction.TxValidationCode.VALID;
const VALIDATION_CODE_NAMES = Object.fromEntries(Object.entries(transaction.TxValidationCode).map(([k, v]) => [v, k])) as Record<number, string>;
const VALIDATION_PARAMETER = 'VALIDATION_PARAMETER';

/**
 * Reads a policy the issuer states but the receipt cannot prove (the chaincode definition, or a key-level
 * policy set by an earlier transaction). It must be in canonical form, name only trusted orgs, and need
 * more than one org: GovChain's rule that no department endorses alone is re-derived, not taken on trust.
 */
function statedPolicy(rec: CheckRecorder, what: 'chaincode' | 'key', text: string, trust: TrustStore): Policy | undefined {
  let p: Policy;
  try {
    p = parsePolicy(text);
  } catch {
    rec.add(false, 'policies.unreadable', { policy: text });
    return undefined;
  }
  const names = principalsOf(p);
  const trusted = new Set(trust.mspIds());
  const ok = renderPolicy(p) === text && names.every((m) => trusted.has(m))
    && !trust.mspIds().some((m) => satisfies(p, Array.from({ length: 16 }, () => ({ mspId: m, roles: ['peer', 'admin', 'client', 'orderer', 'member'] }))));
  rec.add(ok, `policies.${what}-stated-sound`, { policy: text });
  return ok ? p : undefined;
}

function principalsOf(p: Policy): string[] {
  return p.kind === 'signedBy' ? [p.mspId] : p.rules.flatMap(principalsOf);
}

/** SHA-256 (hex) of a receipt's canonical JSON. */
export async function receiptDigest(receipt: Receipt): Promise<string> {
  return toHex(await sha256(utf8(canonicalJson(receipt))));
}

/** Runs one check; a decoding failure becomes a failed finding instead of an exception. */
async function run(id: CheckId, body: (rec: CheckRecorder) => Promise<void>): Promise<CheckResult> {
  const rec = new CheckRecorder();
  try {
    await body(rec);
  } catch (err) {
    rec.add(false, 'decode', { what: err instanceof DecodeError ? err.what : err instanceof Error ? err.message : String(err) });
  }
  return rec.result(id);
}

/** The records (public writes of record keys) of a transaction, in write-set order. */
export function recordsOf(tx: Pick<DecodedTransaction, 'writes'>): ReceiptRecord[] {
  return tx.writes.flatMap((w) => {
    const id = recordIdentity(w.key);
    return id ? [{ namespace: w.namespace, key: w.key, ...id, value: w.value === null ? null : fromUtf8(w.value) }] : [];
  });
}

/** The private writes of a transaction as hashes. */
export function privateWritesOf(tx: Pick<DecodedTransaction, 'hashedWrites'>): PrivateWrite[] {
  return tx.hashedWrites.map((w) => ({ namespace: w.namespace, collection: w.collection, keyHash: toHex(w.keyHash), valueHash: w.valueHash ? toHex(w.valueHash) : null }));
}

/** Key-level policies that this transaction's write set sets, by key. */
export function policiesSetBy(tx: Pick<DecodedTransaction, 'metadataWrites'>): Map<string, Policy> {
  const out = new Map<string, Policy>();
  for (const m of tx.metadataWrites) {
    const bytes = m.entries.get(VALIDATION_PARAMETER);
    if (bytes && bytes.length > 0) out.set(`${m.namespace}\u0000${m.key}`, decodePolicyEnvelope(bytes));
  }
  return out;
}

/**
 * Verifies a receipt offline against the trusted org CAs. Every field is re-derived from the raw bytes; a
 * check holds only when each of its findings does, and the report is ok only when every check holds.
 */
export async function verifyReceipt(receipt: Receipt, opts: VerifyOptions): Promise<VerificationReport> {
  const { trust } = opts;
  let tx: DecodedTransaction | undefined;
  let header: HeaderFields | undefined;
  const headerOf = (): HeaderFields => (header ??= headerFields(decodeStrict(common.BlockHeader, fromBase64(receipt.block.header), 'block header')));
  const signers: Signer[] = [];
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new DecodeError(what);
    return v;
  };
  const envelopeBytes = fromBase64(receipt.transaction.envelope);

  const creator = await run('creator', async (rec) => {
    tx = await decodeTransaction(envelopeBytes);
    rec.add(tx.channel === receipt.channel, 'creator.channel', { channel: tx.channel });
    rec.add(tx.txId === receipt.txId && tx.derivedTxId === tx.txId, 'creator.txid', { txId: tx.txId });
    await recordSignedBy(rec, 'creator', tx.creator, tx.payload, tx.signature, trust, tx.timestamp);
  });

  const endorsements = await run('endorsements', async (rec) => {
    const t = need(tx, 'transaction');
    rec.add(t.proposalHashMatches, 'endorsements.proposal-hash');
    rec.add(t.responseStatus >= 200 && t.responseStatus < 400, 'endorsements.response', { status: t.responseStatus });
    rec.add(t.endorsements.length > 0, 'endorsements.count', { count: t.endorsements.length });
    const seen = new Set<string>();
    for (const e of t.endorsements) {
      const id = await recordSignedBy(rec, 'endorsement', e.endorser, concatBytes(t.proposalResponsePayload, e.endorser), e.signature, trust, t.timestamp, 'peer');
      const hex = toHex(e.endorser);
      if (id && !seen.has(hex)) {
        seen.add(hex);
        signers.push({ mspId: id.mspId, roles: id.roles });
      }
    }
  });

  const policies = await run('policies', async (rec) => {
    const t = need(tx, 'transaction');
    const orgs = [...new Set(signers.map((s) => s.mspId))].sort().join(', ') || '-';
    const cc = statedPolicy(rec, 'chaincode', receipt.policies.chaincode, trust);
    if (cc) rec.add(satisfies(cc, signers), 'policies.chaincode', { policy: renderPolicy(cc), orgs });
    const setHere = policiesSetBy(t);
    const records = recordsOf(t);
    const stated = receipt.policies.keys;
    rec.add(stated.length === records.length && stated.every((s, i) => s.key === records[i]?.key), 'policies.keys-listed', { count: records.length });
    for (const [i, r] of records.entries()) {
      const s = stated[i] as KeyPolicy | undefined;
      if (!s || s.key !== r.key) continue;
      const params = { record: `${r.family}/${r.kind} ${r.id}`, policy: s.policy ?? '-', orgs };
      const read = t.reads.find((x) => x.namespace === r.namespace && x.key === r.key)?.version ?? null;
      if (s.source === 'none') {
        // 'none' is for a key this transaction created: the signed read set must not show an earlier version.
        rec.add(s.policy === null && read === null, read === null ? 'policies.key-none' : 'policies.key-none-but-existed', { ...params, block: read ? read.block.toString() : '-' });
      } else {
        // In effect from an earlier version: the signed read set must show that this transaction read one.
        if (!rec.add(read !== null && s.policy !== null, 'policies.key-stated', { ...params, block: read ? read.block.toString() : '-' })) continue;
        const p = statedPolicy(rec, 'key', s.policy as string, trust);
        if (p) rec.add(satisfies(p, signers), 'policies.key-satisfied', params);
      }
      // A policy this transaction sets governs later changes; it is read from the signed write set.
      const sets = setHere.get(`${r.namespace}\u0000${r.key}`);
      if (sets) rec.add(true, 'policies.key-sets', { ...params, policy: renderPolicy(sets) });
    }
  });

  const inclusion = await run('inclusion', async (rec) => {
    let others: Uint8Array[];
    try {
      others = await unpackOthers(receipt.block.others, opts.parts);
    } catch (err) {
      if (err instanceof BlockDataError && err.what === 'missing-part') {
        rec.add(false, 'inclusion.parts-missing', { count: 'parts' in receipt.block.others ? receipt.block.others.parts.length : 0, given: opts.parts?.length ?? 0 });
        return;
      }
      throw new DecodeError('block data (other envelopes)');
    }
    if ('parts' in receipt.block.others) rec.add(true, 'inclusion.parts', { count: receipt.block.others.parts.length });
    const index = receipt.block.txIndex;
    if (!rec.add(index <= others.length, 'inclusion.index', { index, count: others.length + 1 })) return;
    const all = [...others.slice(0, index), envelopeBytes, ...others.slice(index)];
    // protoutil.VerifyTransactionsAreWellFormed: every entry is an envelope with a payload and a signature.
    for (const [i, e] of all.entries()) {
      const env = decodeStrict(common.Envelope, e, `block envelope ${i}`);
      if (env.getPayload_asU8().length === 0 || env.getSignature_asU8().length === 0) throw new DecodeError(`block envelope ${i}`);
    }
    const dataHash = await sha256(concatBytes(...all));
    rec.add(bytesEqual(dataHash, headerOf().dataHash), 'inclusion.data-hash', { count: all.length, index, hash: toHex(dataHash) });
  });

  const headerCheck = await run('header', async (rec) => {
    const h = headerOf();
    rec.add(h.number.toString() === receipt.block.number, 'header.number', { number: h.number.toString() });
    rec.add(true, 'header.hash', { hash: toHex(await blockHeaderHash(h)) });
    if (h.number === 0n) {
      rec.add(receipt.block.previousHeader === null, 'header.genesis');
      return;
    }
    if (receipt.block.previousHeader === null) {
      rec.add(false, 'header.previous-missing');
      return;
    }
    const prev = headerFields(decodeStrict(common.BlockHeader, fromBase64(receipt.block.previousHeader as string), 'previous block header'));
    const prevHash = await blockHeaderHash(prev);
    rec.add(prev.number === h.number - 1n && bytesEqual(prevHash, h.previousHash), 'header.chain', { previous: prev.number.toString(), hash: toHex(prevHash) });
  });

  const orderer = await run('orderer', async (rec) => {
    const h = headerOf();
    const t = need(tx, 'transaction');
    const md = decodeStrict(common.Metadata, fromBase64(receipt.block.signatures), 'block signatures');
    const sigs = md.getSignaturesList();
    if (!rec.add(sigs.length > 0, 'orderer.count', { count: sigs.length })) return;
    const signed = blockHeaderBytes(h);
    for (const s of sigs) {
      const shBytes = s.getSignatureHeader_asU8();
      const sh = decodeStrict(common.SignatureHeader, shBytes, 'orderer signature header');
      await recordSignedBy(rec, 'orderer', sh.getCreator_asU8(), concatBytes(md.getValue_asU8(), shBytes, signed), s.getSignature_asU8(), trust, t.timestamp, 'orderer');
    }
  });

  const attestations = await run('attestations', async (rec) => {
    const t = need(tx, 'transaction');
    const orgs = new Set<string>();
    for (const a of receipt.attestations) {
      const prop = decodeStrict(proposal.Proposal, fromBase64(a.proposal), 'attestation proposal');
      if (prop.getExtension_asU8().length > 0) throw new DecodeError('attestation proposal extension');
      const hdr = decodeStrict(common.Header, prop.getHeader_asU8(), 'attestation proposal header');
      const chBytes = hdr.getChannelHeader_asU8();
      const ch = decodeStrict(common.ChannelHeader, chBytes, 'attestation channel header');
      const ext = decodeStrict(proposal.ChaincodeHeaderExtension, ch.getExtension_asU8(), 'attestation chaincode header');
      const call = invocationOf(prop.getPayload_asU8());
      const asked = ch.getChannelId() === receipt.channel && ch.getType() === common.HeaderType.ENDORSER_TRANSACTION && ext.getChaincodeId()?.getName() === 'qscc'
        && call.chaincode === 'qscc' && call.args.length === 3 && call.args[0] === 'GetTransactionByID' && call.args[1] === receipt.channel && call.args[2] === receipt.txId;
      const payload = fromBase64(a.payload);
      const prp = decodeStrict(proposalResponse.ProposalResponsePayload, payload, 'attestation response payload');
      const expected = await sha256(concatBytes(chBytes, hdr.getSignatureHeader_asU8(), prop.getPayload_asU8()));
      const action = decodeStrict(proposal.ChaincodeAction, prp.getExtension_asU8(), 'attestation chaincode action');
      const response = action.getResponse();
      const at = timestampOf(ch);
      const base = { at: at.toISOString() };
      if (!rec.add(asked && bytesEqual(prp.getProposalHash_asU8(), expected) && response?.getStatus() === 200, 'attestation.question', base)) continue;
      const processed = decodeStrict(transaction.ProcessedTransaction, (response as proposalResponse.Response).getPayload_asU8(), 'attested transaction');
      const env = processed.getTransactionenvelope();
      const same = !!env && bytesEqual(env.getPayload_asU8(), t.payload) && bytesEqual(env.getSignature_asU8(), t.signature);
      const code = processed.getValidationcode();
      const id = await recordSignedBy(rec, 'attestation', fromBase64(a.endorser), concatBytes(payload, fromBase64(a.endorser)), fromBase64(a.signature), trust, at, 'peer');
      if (!id) continue;
      const params = { org: id.mspId, name: id.name, code: VALIDATION_CODE_NAMES[code] ?? String(code), at: at.toISOString() };
      if (rec.add(same && code === VALID, same ? 'attestation.valid' : 'attestation.other-transaction', params)) orgs.add(id.mspId);
    }
    const min = opts.minAttestingOrgs ?? 2;
    rec.add(orgs.size >= min, 'attestation.orgs', { count: orgs.size, min, orgs: [...orgs].sort().join(', ') || '-' });
  });

  const record = await run('record', async (rec) => {
    const t = need(tx, 'transaction');
    const derived = recordsOf(t);
    const same = canonicalJson(derived) === canonicalJson(receipt.records);
    rec.add(same, 'record.matches', { count: derived.length });
    for (const r of derived) rec.add(same, 'record.item', { family: r.family, kind: r.kind, id: r.id });
    const pw = privateWritesOf(t);
    rec.add(canonicalJson(pw) === canonicalJson(receipt.privateWrites), 'record.private', { count: pw.length });
  });

  const checks = [creator, endorsements, policies, inclusion, headerCheck, orderer, attestations, record];
  if (opts.fileSha256 !== undefined) {
    const want = opts.fileSha256.toLowerCase();
    checks.push(await run('file', async (rec) => {
      const deposits = receipt.records.filter((r) => r.family === 'copyright' && r.kind === 'deposit' && r.value !== null);
      const hashes = deposits.map((r) => (JSON.parse(r.value as string) as { contentHash?: string }).contentHash ?? '');
      if (!rec.add(hashes.length > 0, 'file.deposit', { count: hashes.length })) return;
      rec.add(record.ok && hashes.includes(want), 'file.hash', { hash: want, deposited: hashes.join(', ') });
    }));
  }
  const t = tx as DecodedTransaction | undefined;
  return {
    ok: checks.every((c) => c.ok),
    digest: await receiptDigest(receipt),
    txId: receipt.txId,
    channel: receipt.channel,
    blockNumber: receipt.block.number,
    txIndex: receipt.block.txIndex,
    ...(t ? { timestamp: t.timestamp.toISOString() } : {}),
    records: receipt.records,
    checks,
  };
}
