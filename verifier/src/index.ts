/**
 * @govchain/verifier: GovChain transaction receipts (govchain-receipt/1). This entry runs in Node 20 and in
 * browsers (WebCrypto, no Node built-ins); files and the CLI are in `@govchain/verifier/node`, the PDF attachment reader (browser safe) in `@govchain/verifier/pdf`.
 */
export { RECEIPT_FORMAT, parseReceipt, canonicalJson, receiptSchema, type Receipt, type ReceiptRecord, type PrivateWrite, type KeyPolicy, type Attestation } from './format';
export { verifyReceipt, receiptDigest, recordsOf, type VerifyOptions, type VerificationReport } from './verify';
export { buildReceipt, blockDataParts, ReceiptBuildError, type ReceiptInputs, type RawAttestation, type BuiltReceipt } from './build';
export { DEFAULT_INLINE_BYTES } from './block-data';
export { decodeTransaction, type DecodedTransaction } from './envelope';
export { TrustStore, MSP_ID, type TrustAnchor } from './trust';
export { ReceiptError, type ReceiptErrorKey } from './errors';
export { CHECK_IDS, type CheckId, type CheckResult, type Finding } from './findings';
export { formatReport, findingText, checkTitle, languageOf, LANGUAGES, type Language } from './messages';
export { parsePolicy, renderPolicy, satisfies, decodePolicyEnvelope, type Policy } from './policy';
export { recordIdentity, splitCompositeKey, RECORD_TYPES, type RecordFamily, type RecordIdentity } from './records';
export { fromBase64, toBase64, toHex, sha256 } from './bytes';
