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
