import fc from 'fast-check';
import { decodeTransaction, fromBase64, receiptSchema, toBase64, verifyReceipt, type Receipt, type TrustStore } from '@govchain/verifier';

/** A mutable part of a receipt: bytes (base64 in JSON) or text, optionally only some byte ranges of it. */
interface Field {
  label: string;
  kind: 'bytes' | 'text';
  get(r: Receipt): string;
  set(r: Receipt, v: string): void;
  ranges?: Array<[number, number]>;
}

/** Receipt sections as the issue names them, each with the fields whose bytes it covers. */
export async function receiptSections(receipt: Receipt): Promise<Record<string, Field[]>> {
  const envelope = fromBase64(receipt.transaction.envelope);
  const tx = await decodeTransaction(envelope);
  const find = (needle: Uint8Array): [number, number] => {
    outer: for (let i = 0; i + needle.length <= envelope.length; i++) {
      for (let j = 0; j < needle.length; j++) if (envelope[i + j] !== needle[j]) continue outer;
      return [i, i + needle.length];
    }
    throw new Error('endorsement bytes not found in the envelope');
  };
  const endorsementRanges = tx.endorsements.flatMap((e) => [find(e.endorser), find(e.signature)]);
  const b64 = (label: string, get: (r: Receipt) => string, set: (r: Receipt, v: string) => void, ranges?: Array<[number, number]>): Field =>
    ({ label, kind: 'bytes', get, set, ...(ranges ? { ranges } : {}) });
  const text = (label: string, get: (r: Receipt) => string, set: (r: Receipt, v: string) => void): Field => ({ label, kind: 'text', get, set });
  return {
    envelope: [b64('transaction.envelope', (r) => r.transaction.envelope, (r, v) => (r.transaction.envelope = v))],
    endorsements: [b64('endorsements in the envelope', (r) => r.transaction.envelope, (r, v) => (r.transaction.envelope = v), endorsementRanges)],
    blockData: [b64('block.others', (r) => ('bytes' in r.block.others ? r.block.others.bytes : ''), (r, v) => {
      if ('bytes' in r.block.others) r.block.others.bytes = v;
    })],
    header: [
      b64('block.header', (r) => r.block.header, (r, v) => (r.block.header = v)),
      b64('block.previousHeader', (r) => r.block.previousHeader ?? '', (r, v) => (r.block.previousHeader = v)),
    ],
    ordererSignature: [b64('block.signatures', (r) => r.block.signatures, (r, v) => (r.block.signatures = v))],
    attestations: receipt.attestations.flatMap((_, i) => (['proposal', 'payload', 'endorser', 'signature'] as const).map((k) =>
      b64(`attestations[${i}].${k}`, (r) => (r.attestations[i] as Receipt['attestations'][number])[k], (r, v) => ((r.attestations[i] as Receipt['attestations'][number])[k] = v)))),
    record: receipt.records.flatMap((_, i) => [
      text(`records[${i}].key`, (r) => r.records[i]?.key ?? '', (r, v) => ((r.records[i] as Receipt['records'][number]).key = v)),
      text(`records[${i}].value`, (r) => r.records[i]?.value ?? '', (r, v) => ((r.records[i] as Receipt['records'][number]).value = v)),
      text(`records[${i}].id`, (r) => r.records[i]?.id ?? '', (r, v) => ((r.records[i] as Receipt['records'][number]).id = v)),
    ]),
    policies: [
      text('policies.chaincode', (r) => r.policies.chaincode, (r, v) => (r.policies.chaincode = v)),
      ...receipt.policies.keys.flatMap((k, i) => (k.policy === null ? [] : [text(`policies.keys[${i}].policy`, (r) => r.policies.keys[i]?.policy ?? '', (r, v) => ((r.policies.keys[i] as Receipt['policies']['keys'][number]).policy = v))])),
    ],
  };
}

/** Applies one mutation: XOR a byte with a non-zero mask, or replace a character with a different one. */
function mutate(receipt: Receipt, field: Field, position: number, mask: number): Receipt {
  const copy = structuredClone(receipt);
  const value = field.get(copy);
  if (field.kind === 'text') {
    const at = position % value.length;
    const chars = [...value];
    const original = chars[at] as string;
    let replacement = String.fromCharCode(32 + ((original.charCodeAt(0) - 32 + mask) % 95));
    if (replacement === original) replacement = original === 'x' ? 'y' : 'x';
    chars[at] = replacement;
    field.set(copy, chars.join(''));
    return copy;
  }
  const bytes = fromBase64(value);
  const ranges = field.ranges ?? [[0, bytes.length] as [number, number]];
  const total = ranges.reduce((n, [a, b]) => n + (b - a), 0);
  let offset = position % total;
  for (const [a, b] of ranges) {
    if (offset < b - a) {
      bytes[a + offset] = (bytes[a + offset] as number) ^ mask;
      break;
    }
    offset -= b - a;
  }
  field.set(copy, toBase64(bytes));
  return copy;
}

/** Counts of a mutation run. */
export interface MutationCounts {
  section: string;
  mutations: number;
  detected: number;
  coveredBytes: number;
}

/**
 * Flips random bytes (fast-check drives field, offset and mask) in one section and verifies each mutated
 * receipt; a mutation is detected when the receipt no longer parses or no longer verifies.
 */
export async function mutateSection(receipt: Receipt, section: string, fields: Field[], trust: TrustStore, runs: number, seed: number): Promise<MutationCounts> {
  const usable = fields.filter((f) => f.get(receipt).length > 0);
  if (usable.length === 0) throw new Error(`section ${section} has no bytes to mutate`);
  const coveredBytes = usable.reduce((n, f) => n + (f.kind === 'text' ? f.get(receipt).length : (f.ranges ?? [[0, fromBase64(f.get(receipt)).length]]).reduce((m, [a, b]) => m + b - a, 0)), 0);
  let mutations = 0;
  let detected = 0;
  const undetected: string[] = [];
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: usable.length - 1 }), fc.nat({ max: 1 << 30 }), fc.integer({ min: 1, max: 255 }), async (fi, position, mask) => {
      const field = usable[fi] as Field;
      const mutated = mutate(receipt, field, position, mask);
      mutations++;
      const parsed = receiptSchema.safeParse(JSON.parse(JSON.stringify(mutated)));
      const ok = parsed.success && (await verifyReceipt(parsed.data, { trust })).ok;
      if (ok) undetected.push(`${field.label} @${position} ^${mask}`);
      else detected++;
      return !ok;
    }),
    { numRuns: runs, seed, endOnFailure: true },
  ).catch((err: unknown) => {
    throw new Error(`undetected mutation in ${section}: ${undetected.join('; ')}\n${String(err)}`);
  });
  return { section, mutations, detected, coveredBytes };
}
