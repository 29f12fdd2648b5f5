/** Node-only part of @govchain/verifier: trust folders, certificate PDFs and the CLI. */
export { loadTrustDir } from './trust-dir';
export { receiptFromPdf, RECEIPT_ATTACHMENT } from './pdf-attachment';
export { runCli, type CliIo } from './cli';
