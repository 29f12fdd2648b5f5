import { z } from 'zod';
import { ReceiptError } from './errors';

/** The receipt format this package writes and reads. */
export const RECEIPT_FORMAT = 'govchain-receipt/1';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex characters');
const decimal = z.string().regex(/^(0|[1-9][0-9]{0,19})$/, 'a decimal integer');

/** A record the transaction wrote to public state: key and value exactly as in the write set. */
export const publicRecordSchema = z.strictObject({
  namespace: z.string().min(1),
  key: z.string().min(1),
  family: z.string(),
  kind: z.string(),
  id: z.string(),
  /** The value as UTF-8 text (GovChain records are canonical JSON); null when the key was deleted. */
  value: z.string().nullable(),
});

/** A private-data write: only the hashes that are on chain. */
export const privateWriteSchema = z.strictObject({
  namespace: z.string().min(1),
  collection: z.string().min(1),
  keyHash: hex64,
  /** null when the private key was deleted (purged). */
  valueHash: hex64.nullable(),
});

/**
 * The key-level policy that Fabric applied to a record key when it validated this transaction: the policy set
 * by an earlier version of the key (read from the ledger by the issuer), or none for a key without one (a new
 * key: the chaincode policy governs). A policy this transaction sets governs later changes only; the verifier
 * reads it from the write set itself.
 */
export const keyPolicySchema = z.strictObject({
  key: z.string().min(1),
  /** Fabric policy language, e.g. OutOf(2, 'A.peer', OutOf(1, 'B.peer', 'C.peer')); null when none was in effect. */
  policy: z.string().nullable(),
  /**
   * earlier-transaction: set by an earlier version of the key (stated; the verifier checks that the signed read
   *   set shows an earlier version, that the policy is canonical, names only trusted orgs and needs more than
   *   one org, and that the endorsers satisfy it);
   * none: no key-level policy was in effect, the chaincode policy governs.
   */
  source: z.enum(['earlier-transaction', 'none']),
});

/** A peer's signed answer to qscc GetTransactionByID: the peer says the transaction is on its ledger, with its validation code. */
export const attestationSchema = z.strictObject({
  /** The proposal the peer answered (bound to the answer by the proposal hash). */
  proposal: base64,
  /** ProposalResponsePayload bytes as the peer signed them (contains the ProcessedTransaction). */
  payload: base64,
  /** The peer's SerializedIdentity. */
  endorser: base64,
  /** The peer's ECDSA signature over payload || endorser. */
  signature: base64,
});

/** govchain-receipt/1: everything is raw Fabric bytes, or text the verifier re-derives from them. */
export const receiptSchema = z.strictObject({
  format: z.literal(RECEIPT_FORMAT),
  channel: z.string().min(1),
  txId: hex64,
  transaction: z.strictObject({
    /** The committed Envelope, byte for byte as it is in the block. */
    envelope: base64,
  }),
  block: z.strictObject({
    number: decimal,
    txIndex: z.number().int().min(0),
    /** BlockHeader protobuf bytes. */
    header: base64,
    /** Metadata[SIGNATURES] protobuf bytes: the orderer signatures. */
    signatures: base64,
    /**
     * The block's other envelopes, in order: their lengths and their concatenation, inline (`bytes`) or, for a
     * block too large to inline, split into parts delivered beside the receipt and named here by SHA-256
     * (docs/receipts.md, "Block data").
     */
    others: z.union([
      z.strictObject({ lengths: z.array(z.number().int().min(1)), bytes: base64 }),
      z.strictObject({
        lengths: z.array(z.number().int().min(1)),
        parts: z.array(z.strictObject({ length: z.number().int().min(1), sha256: hex64 })).min(1).max(4096),
      }),
    ]),
    /** BlockHeader bytes of the previous block (null for block 0), to show the chain link. */
    previousHeader: base64.nullable(),
  }),
  attestations: z.array(attestationSchema).min(1).max(16),
  records: z.array(publicRecordSchema),
  privateWrites: z.array(privateWriteSchema),
  policies: z.strictObject({
    /** The chaincode endorsement policy, in Fabric policy language. */
    chaincode: z.string().min(1),
    keys: z.array(keyPolicySchema),
  }),
});

/** A parsed receipt. */
export type Receipt = z.infer<typeof receiptSchema>;
/** A record in a receipt. */
export type ReceiptRecord = z.infer<typeof publicRecordSchema>;
/** A private write in a receipt. */
export type PrivateWrite = z.infer<typeof privateWriteSchema>;
/** A key policy in a receipt. */
export type KeyPolicy = z.infer<typeof keyPolicySchema>;
/** An attestation in a receipt. */
export type Attestation = z.infer<typeof attestationSchema>;

/** Parses receipt JSON text; throws ReceiptError RECEIPT_MALFORMED / RECEIPT_UNSUPPORTED_FORMAT. */
export function parseReceipt(text: string): Receipt {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ReceiptError('RECEIPT_MALFORMED', 'the receipt is not JSON');
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof format === 'string' && format !== RECEIPT_FORMAT) {
    throw new ReceiptError('RECEIPT_UNSUPPORTED_FORMAT', `unsupported receipt format ${format}; this verifier reads ${RECEIPT_FORMAT}`, { format });
  }
  const parsed = receiptSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ReceiptError('RECEIPT_MALFORMED', `the receipt does not match ${RECEIPT_FORMAT}`, { issues });
  }
  return parsed.data;
}

/** JSON with object keys sorted at every level and no whitespace: the form the receipt digest is taken over. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
