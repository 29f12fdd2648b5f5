import type { Principal } from '../auth/principal';
import type { Ledger, TxInfo } from '../fabric/ledger';
import type { RecordService } from './record-service';

/** Looks up transactions in the ledger (qscc). */
export class TransactionService {
  constructor(
    private readonly ledger: Ledger,
    private readonly records: RecordService,
  ) {}

  /** Validation code and block number of a transaction. */
  async get(principal: Principal, txId: string): Promise<Omit<TxInfo, 'blockNumber'> & { blockNumber: number }> {
    const info = await this.ledger.transaction(this.records.signerFor(principal), txId);
    return { ...info, blockNumber: Number(info.blockNumber) };
  }
}
