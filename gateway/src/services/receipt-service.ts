import { blockDataParts, buildReceipt, decodeTransaction, DEFAULT_INLINE_BYTES, ReceiptBuildError, recordsOf, sha256, toHex, type BuiltReceipt, type ReceiptRecord } from '@govchain/verifier';
import { Audit } from '@govchain/chaincode';
import { common } from '@hyperledger/fabric-protos';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { validationCodeName } from '../errors/fabric-error-map';
import type { ReceiptSource } from '../fabric/receipt-source';
import { call } from '../fabric/call';
import type { RecordService } from './record-service';
import { authorizeReceipt, isSealingRecord, orderIdOf, publicReceiptAllowed, sealingOrderOf } from './receipt-access';

/** Departments whose peers must attest a receipt's transaction. */
export const ATTESTING_ORGS = 2;

/** URL of a transaction's receipt. */
export const receiptUrl = (txId: string): string => `/api/v1/receipts/${txId}`;

/** Who asks: a principal, or the public with a certificate's evidence (SHA-256 of the committed envelope). */
export type ReceiptRequester = Principal | { kind: 'public'; evidence: string };

/** Builds govchain-receipt/1 documents from the ledger's raw bytes and decides who may have one. */
export class ReceiptService {
  constructor(
    private readonly source: ReceiptSource | undefined,
    private readonly records: RecordService,
    private readonly serviceOperator: string,
    /** Above this many bytes of other envelopes, receipts name block-data parts (served beside them). */
    private readonly inlineBytes = DEFAULT_INLINE_BYTES,
  ) {}

  #source(): ReceiptSource {
    if (!this.source) throw new ApiError(503, 'PEER_UNAVAILABLE', 'receipts need the Fabric network; this gateway has no receipt source');
    return this.source;
  }

  /**
   * Checks, before anything is built, that the transaction is committed and valid and that the requester may
   * read every record it wrote (receipt-access.ts); returns the operator who signs the ledger reads. The
   * public route answers 404 RECEIPT_NOT_FOUND for every refusal, so it tells nothing about other transactions.
   */
  async #authorize(who: ReceiptRequester, txId: string, now = new Date()): Promise<string> {
    const source = this.#source();
    const isPublic = who.kind === 'public';
    const signer = isPublic ? this.serviceOperator : this.records.signerFor(who);
    const notFound = new ApiError(404, 'RECEIPT_NOT_FOUND', 'no public receipt for this transaction and evidence');
    const processed = await source.processedTransaction(signer, txId).catch((err: unknown) => {
      // An unknown transaction looks like any other refusal to the public; a peer outage stays a 503.
      throw isPublic && !(err instanceof ApiError && err.status >= 500) ? notFound : err;
    });
    if (processed.validationCode !== 0) {
      if (isPublic) throw notFound;
      throw new ApiError(409, 'TRANSACTION_INVALID', `transaction ${txId} was invalidated at commit (${validationCodeName(processed.validationCode)}); it has no receipt`, {
        validationCode: validationCodeName(processed.validationCode),
      });
    }
    const records = recordsOf(await decodeTransaction(processed.envelope));
    if (isPublic) {
      if (toHex(await sha256(processed.envelope)) !== who.evidence || !publicReceiptAllowed({ records })) throw notFound;
    } else {
      authorizeReceipt(who, { records }, now);
      if (who.kind === 'operator') await this.#sealingGate(who, records);
    }
    return signer;
  }

  /**
   * Sealed entries and sealing orders are visible to some operators only (auditors of the dataset's owner and
   * of the governance org; investigators and auditors of the issuing org): the chaincode decides, by the same
   * reads the API offers, signed by this operator. Its refusal (404 RECORD_NOT_FOUND, 403) is the answer.
   */
  async #sealingGate(principal: Principal, records: ReceiptRecord[]): Promise<void> {
    for (const r of records) {
      if (r.family === 'audit' && r.kind === 'entry' && sealingOrderOf(r) !== undefined) {
        await this.records.read(principal, call(Audit.tx.Get, [r.id]));
      } else if (isSealingRecord(r)) {
        await this.records.read(principal, call(Audit.tx.GetSealingOrder, [orderIdOf(r)]));
      }
    }
  }

  /** The receipt of a committed, valid transaction, if the requester may have it. */
  async receipt(who: ReceiptRequester, txId: string): Promise<BuiltReceipt> {
    return this.build(await this.#authorize(who, txId), txId);
  }

  /** Part `index` of the block data of a receipt whose block is too large to inline (404 RECEIPT_PART_NOT_FOUND). */
  async part(who: ReceiptRequester, txId: string, index: number): Promise<Uint8Array> {
    const signer = await this.#authorize(who, txId);
    const parts = await blockDataParts(await this.#source().blockByTxId(signer, txId), txId, this.inlineBytes);
    const part = parts[index];
    if (!part) throw new ApiError(404, 'RECEIPT_PART_NOT_FOUND', `the receipt of ${txId} has ${parts.length} block-data part(s)`, { parts: parts.length });
    return part;
  }

  /** Builds the receipt of a transaction signed by `operatorId` (no access decision: callers make it first). */
  async build(operatorId: string, txId: string): Promise<BuiltReceipt> {
    const source = this.#source();
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
        inlineBytes: this.inlineBytes,
      });
    } catch (err) {
      if (err instanceof ReceiptBuildError) throw new ApiError(502, 'RECEIPT_UNAVAILABLE', `the ledger's bytes for ${txId} do not form a receipt: ${err.message}`);
      throw err;
    }
  }
}
