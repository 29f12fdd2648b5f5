/** Node-only part of @govchain/verifier: trust folders, certificate PDFs and the CLI. */
export { loadTrustDir } from './trust-dir';
export { receiptFromPdf, attachmentsFromPdf, RECEIPT_ATTACHMENT, PART_ATTACHMENT, type PdfAttachments } from './pdf-attachment';
export { runCli, type CliIo } from './cli';
