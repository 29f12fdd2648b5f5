import type { Receipt, ReceiptRecord } from '@govchain/verifier';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';

/**
 * Who may fetch a receipt. A receipt carries the transaction's whole write set, so it may go only to someone
 * who may already read every record in it:
 * - operators of any department: receipts of copyright, property, business, identity and governance
 *   transactions (the records any member department reads through the API); audit entries only for the
 *   auditor role, like GET /audit, and sealing orders for auditors and investigators (the receipt service then
 *   asks the chaincode whether this operator may see a sealed entry or an order, see ReceiptService);
 * - citizens: receipts of transactions whose records name them (their subject key); an identity or audit
 *   entry must be their own, and an entry that cites a sealing order, or any sealing-order record, is withheld;
 * - the public: only receipts that a certificate already shows (docs/receipts.md), see publicReceiptAllowed.
 */
export function authorizeReceipt(principal: Principal, receipt: Pick<Receipt, 'records'>, now: Date): void {
  if (principal.kind === 'operator') {
    for (const r of receipt.records.filter((x) => x.family === 'audit')) {
      const roles = isSealingRecord(r) ? ['auditor', 'investigator'] : ['auditor'];
      if (!roles.includes(principal.role)) {
        throw new ApiError(403, 'FORBIDDEN_ROLE', `receipts of audit ${r.kind} records are for the ${roles.join(' or ')} role`, { required: roles });
      }
    }
    return;
  }
  const names = receipt.records.map((r) => namesSubject(r, principal.subject));
  const personal = receipt.records.map((r, i) => ({ r, mine: names[i] })).filter(({ r }) => r.family === 'identity' || r.family === 'audit');
  const withheld = receipt.records.some((r) => r.family === 'audit' && (r.kind !== 'entry' || sealingOrderOf(r) !== undefined
    || (sealedUntil(r) !== undefined && (sealedUntil(r) as string) > now.toISOString())));
  if (!names.some(Boolean) || personal.some(({ mine }) => !mine) || withheld) {
    throw new ApiError(403, 'FORBIDDEN_SUBJECT', 'citizens may only fetch receipts of records about themselves');
  }
}

/** Record kinds whose receipts a certificate shows (and hence the public may fetch with the certificate's evidence). */
export const CERTIFICATE_KINDS: ReadonlyArray<readonly [string, string]> = [['copyright', 'deposit'], ['property', 'title'], ['business', 'registration']];
const PUBLIC_FAMILIES = new Set(['copyright', 'property', 'business']);

/** True when the public may fetch this receipt: it holds a certificate's record and nothing of identity, audit or governance. */
export function publicReceiptAllowed(receipt: Pick<Receipt, 'records'>): boolean {
  return receipt.records.length > 0
    && receipt.records.every((r) => PUBLIC_FAMILIES.has(r.family))
    && receipt.records.some((r) => CERTIFICATE_KINDS.some(([f, k]) => r.family === f && r.kind === k));
}

function parsed(r: ReceiptRecord): unknown {
  if (r.value === null) return undefined;
  try {
    return JSON.parse(r.value) as unknown;
  } catch {
    return undefined;
  }
}

/** True for the records of sealing orders (issue, end, extension). */
export const isSealingRecord = (r: ReceiptRecord): boolean => r.family === 'audit' && r.kind.startsWith('sealing-');

/** The sealing order an audit entry cites, if any. */
export function sealingOrderOf(r: ReceiptRecord): string | undefined {
  const v = parsed(r) as { sealingOrderId?: unknown } | undefined;
  return typeof v?.sealingOrderId === 'string' ? v.sealingOrderId : undefined;
}

/** The order a sealing record belongs to (its own id for an order). */
export function orderIdOf(r: ReceiptRecord): string {
  const v = parsed(r) as { orderId?: unknown } | undefined;
  return typeof v?.orderId === 'string' ? v.orderId : r.id;
}

/** Legacy field of entries written before sealing orders. */
function sealedUntil(r: ReceiptRecord): string | undefined {
  const v = parsed(r) as { sealedUntil?: unknown } | undefined;
  return typeof v?.sealedUntil === 'string' ? v.sealedUntil : undefined;
}

/** True when a record's value names the subject key: anywhere for shared records, as its own subject for identity and audit records. */
export function namesSubject(r: ReceiptRecord, subject: string): boolean {
  const v = parsed(r);
  if (r.family === 'identity' || r.family === 'audit') return (v as { subjectKey?: unknown } | undefined)?.subjectKey === subject;
  const walk = (x: unknown, depth: number): boolean => {
    if (depth > 12) return false;
    if (typeof x === 'string') return x === subject;
    if (Array.isArray(x)) return x.some((e) => walk(e, depth + 1));
    if (x && typeof x === 'object') return Object.values(x).some((e) => walk(e, depth + 1));
    return false;
  };
  return walk(v, 0);
}
