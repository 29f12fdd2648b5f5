import { buildReceipt, ReceiptBuildError, sha256, toHex, type Receipt } from '@govchain/verifier';
import { common } from '@hyperledger/fabric-protos';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { validationCodeName } from '../errors/fabric-error-map';
import type { ReceiptSource } from '../fabric/receipt-source';
import type { RecordService } from './record-service';
import { authorizeReceipt, publicReceiptAllowed } from './receipt-access';

/** Departments whose peers must attest a receipt's transaction. */
export const ATTESTING_ORGS = 2;

/** URL of a transaction's receipt. */
export const receiptUrl = (txId: string): string => `/api/v1/receipts/${txId}`;

/** Builds govchain-receipt/1 documents from the ledger's raw bytes and decides who may have one. */
export class ReceiptService {
  constructor(
    private readonly source: ReceiptSource | undefined,
    private readonly records: RecordService,
    private readonly serviceOperator: string,
  ) {}

  #source(): ReceiptSource {
    if (!this.source) throw new ApiError(503, 'PEER_UNAVAILABLE', 'receipts need the Fabric network; this gateway has no receipt source');
    return this.source;
  }

  /** The receipt of a committed, valid transaction, signed for (and readable by) the principal. */
  async forPrincipal(principal: Principal, txId: string, now = new Date()): Promise<Receipt> {
    const receipt = await this.build(this.records.signerFor(principal), txId);
    authorizeReceipt(principal, receipt, now);
    return receipt;
  }

  /**
   * The receipt for someone without an account who holds a certificate: `evidence` must be the SHA-256 of
   * the committed envelope (printed in the certificate's QR code), and the transaction must be one a
   * certificate shows. Anything else is 404, so the route answers nothing about other transactions.
   */
  async forPublic(txId: string, evidence: string): Promise<Receipt> {
    const notFound = new ApiError(404, 'RECEIPT_NOT_FOUND', 'no public receipt for this transaction and evidence');
    const { envelope } = await this.#source().processedTransaction(this.serviceOperator, txId).catch(() => {
      throw notFound;
    });
    if (toHex(await sha256(envelope)) !== evidence) throw notFound;
    const receipt = await this.build(this.serviceOperator, txId);
    if (!publicReceiptAllowed(receipt)) throw notFound;
    return receipt;
  }

  /** Builds the receipt of a transaction (no access decision: callers make it). */
  async build(operatorId: string, txId: string): Promise<Receipt> {
    const source = this.#source();
    const processed = await source.processedTransaction(operatorId, txId);
    if (processed.validationCode !== 0) {
      throw new ApiError(409, 'TRANSACTION_INVALID', `transaction ${txId} was invalidated at commit (${validationCodeName(processed.validationCode)}); it has no receipt`, {
        validationCode: validationCodeName(processed.validationCode),
      });
    }
    const block = await source.blockByTxId(operatorId, txId);
    const number = BigInt(common.Block.deserializeBinary(block).getHeader()?.getNumber() ?? 0);
    const [previousBlock, attestations] = await Promise.all([
      number > 0n ? source.blockByNumber(operatorId, number - 1n) : Promise.resolve(null),
      source.attest(operatorId, txId, ATTESTING_ORGS),
    ]);
    try {
      return await buildReceipt({
        channel: source.channel,
        txId,
        block,
        previousBlock,
        attestations,
        chaincodePolicy: source.chaincodePolicy,
        fetchBlock: (n) => source.blockByNumber(operatorId, n),
      });
    } catch (err) {
      if (err instanceof ReceiptBuildError) throw new ApiError(502, 'RECEIPT_UNAVAILABLE', `the ledger's bytes for ${txId} do not form a receipt: ${err.message}`);
      throw err;
    }
  }
}
