import type { WriteOutcome } from '../services/record-service';
import type { HandlerResult } from './route-spec';
import { withReceiptLinks } from '../routes/receipt-links';
import { receiptUrl } from '../services/receipt-service';

/** URL of a transaction resource. */
export function transactionUrl(txId: string): string {
  return `/api/v1/transactions/${txId}`;
}

/** 201 with txId, blockNumber, the receipt URL and the record after commit; 202 with the transaction URL when async. */
export function writeResult(outcome: WriteOutcome): HandlerResult {
  if (!outcome.committed) {
    const url = transactionUrl(outcome.txId);
    return { status: 202, body: { txId: outcome.txId, status: 'SUBMITTED', transactionUrl: url }, headers: { Location: url } };
  }
  return { status: 201, body: { txId: outcome.txId, blockNumber: outcome.blockNumber, receipt: receiptUrl(outcome.txId), data: withReceiptLinks(outcome.data) } };
}
