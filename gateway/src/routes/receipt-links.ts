import { z } from 'zod';
import { receiptUrl } from '../services/receipt-service';

const TX_ID = /^[0-9a-f]{64}$/;

/** The transaction whose receipt proves this version of a record, if the object is a record. */
function receiptTxOf(o: Record<string, unknown>): string | undefined {
  const meta = o.meta as { updatedTxId?: unknown } | undefined;
  if (meta && typeof meta.updatedTxId === 'string' && TX_ID.test(meta.updatedTxId)) return meta.updatedTxId;
  // A history entry ({txId, value, ...}): the transaction that wrote that version.
  if (typeof o.txId === 'string' && TX_ID.test(o.txId) && 'value' in o) return o.txId;
  // Audit entries are written once; their id is the transaction id (imported entries have no receipt of their own).
  if (typeof o.accessId === 'string' && TX_ID.test(o.accessId) && typeof o.accessorMsp === 'string' && o.importBatchId === undefined) return o.accessId;
  return undefined;
}

/**
 * Adds `receipt: /api/v1/receipts/{txId}` to every record in a response (a record, a page of records, or a
 * record nested one level down such as a transfer's title), so holders can fetch the proof of the version
 * they were shown.
 */
export function withReceiptLinks<T>(body: T, depth = 0): T {
  if (depth > 3 || body === null || typeof body !== 'object') return body;
  if (Array.isArray(body)) return body.map((b) => withReceiptLinks(b, depth + 1)) as T;
  const o = body as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = k === 'meta' ? v : withReceiptLinks(v, depth + 1);
  const txId = receiptTxOf(o);
  if (txId && out.receipt === undefined) out.receipt = receiptUrl(txId);
  return out as T;
}

const RECEIPT_LINK = z.string().optional().describe('URL of the receipt of the transaction that wrote this version (GET, govchain-receipt/1)');

/** True when objects of this shape get a receipt link from {@link withReceiptLinks} (the same rule, on the schema). */
function linksReceipt(shape: Record<string, z.ZodType>): boolean {
  return 'meta' in shape || ('txId' in shape && 'value' in shape) || ('accessId' in shape && 'accessorMsp' in shape);
}

/**
 * The response schema of a read: the chaincode's result schema with the optional `receipt` that
 * {@link withReceiptLinks} adds to every record, history entry and audit entry (for the OpenAPI document).
 */
export function withReceiptLinkSchema(schema: z.ZodType, depth = 0): z.ZodType {
  if (depth > 3) return schema;
  const s = schema as z.ZodType & { def: { type: string } };
  switch (s.def.type) {
    case 'object': {
      const o = schema as z.ZodObject;
      const shape = o.shape as Record<string, z.ZodType>;
      const next: Record<string, z.ZodType> = Object.fromEntries(
        Object.entries(shape).map(([k, v]) => [k, k === 'meta' ? v : withReceiptLinkSchema(v, depth + 1)]),
      );
      if (linksReceipt(shape) && !('receipt' in shape)) next.receipt = RECEIPT_LINK;
      const strict = (o.def.catchall as { def?: { type?: string } } | undefined)?.def?.type === 'never';
      return strict ? z.strictObject(next) : z.object(next);
    }
    case 'array':
      return z.array(withReceiptLinkSchema((schema as z.ZodArray<z.ZodType>).element, depth + 1));
    case 'union':
      return z.union((schema as z.ZodUnion<readonly z.ZodType[]>).options.map((x) => withReceiptLinkSchema(x, depth)) as [z.ZodType, ...z.ZodType[]]);
    case 'nullable':
      return withReceiptLinkSchema((schema as z.ZodNullable<z.ZodType>).unwrap(), depth).nullable();
    case 'optional':
      return withReceiptLinkSchema((schema as z.ZodOptional<z.ZodType>).unwrap(), depth).optional();
    default:
      return schema;
  }
}
