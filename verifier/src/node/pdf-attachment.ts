import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, PDFHexString, decodePDFRawStream } from 'pdf-lib';
import { ReceiptError } from '../errors';

/** Name under which certificates embed their receipt. */
export const RECEIPT_ATTACHMENT = 'govchain-receipt.json';
/** Names of block-data parts attached beside the receipt, when its block is too large to inline. */
export const PART_ATTACHMENT = /^govchain-receipt-part-(\d{1,4})\.bin$/;

function fileName(spec: PDFDict): string {
  const name = spec.lookup(PDFName.of('UF')) ?? spec.lookup(PDFName.of('F'));
  return name instanceof PDFString || name instanceof PDFHexString ? name.decodeText() : '';
}

/** Collects the (name, file spec) pairs of a PDF name tree node and its kids. */
function namesOf(node: PDFDict, depth = 0): Array<[string, PDFDict]> {
  if (depth > 32) return [];
  const out: Array<[string, PDFDict]> = [];
  const names = node.lookup(PDFName.of('Names'));
  if (names instanceof PDFArray) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      const spec = names.lookup(i + 1);
      if (spec instanceof PDFDict) out.push([key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : '', spec]);
    }
  }
  const kids = node.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) {
    for (let i = 0; i < kids.size(); i++) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict) out.push(...namesOf(kid, depth + 1));
    }
  }
  return out;
}

function contentOf(spec: PDFDict | undefined): Uint8Array | undefined {
  const ef = spec?.lookup(PDFName.of('EF'));
  const stream = ef instanceof PDFDict ? ef.lookup(PDFName.of('F')) : undefined;
  return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : undefined;
}

/** The receipt text and block-data parts attached to a certificate PDF. */
export interface PdfAttachments {
  receipt: string;
  parts: Uint8Array[];
}

/** Extracts the embedded govchain-receipt.json of a certificate PDF (its EmbeddedFiles name tree). */
export async function receiptFromPdf(bytes: Uint8Array): Promise<string> {
  return (await attachmentsFromPdf(bytes)).receipt;
}

/** Extracts the receipt and any block-data parts (govchain-receipt-part-<n>.bin) of a certificate PDF. */
export async function attachmentsFromPdf(bytes: Uint8Array): Promise<PdfAttachments> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch {
    throw new ReceiptError('PDF_NO_RECEIPT', 'the file is not a readable PDF');
  }
  let files: Array<[string, PDFDict]> = [];
  try {
    const names = doc.catalog.lookup(PDFName.of('Names'));
    const tree = names instanceof PDFDict ? names.lookup(PDFName.of('EmbeddedFiles')) : undefined;
    files = tree instanceof PDFDict ? namesOf(tree) : [];
  } catch {
    throw new ReceiptError('PDF_NO_RECEIPT', 'the PDF has no readable catalog');
  }
  const named = files.map(([key, spec]) => [key || fileName(spec), spec] as const);
  const receipt = contentOf(named.find(([name]) => name === RECEIPT_ATTACHMENT)?.[1]);
  if (!receipt) throw new ReceiptError('PDF_NO_RECEIPT', `the PDF has no ${RECEIPT_ATTACHMENT} attachment`, { attachments: named.map(([k]) => k) });
  const parts: Uint8Array[] = [];
  for (const [name, spec] of named) {
    const m = PART_ATTACHMENT.exec(name);
    const content = m ? contentOf(spec) : undefined;
    if (m && content) parts[Number(m[1])] = content;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(receipt);
  } catch {
    throw new ReceiptError('PDF_NO_RECEIPT', `the ${RECEIPT_ATTACHMENT} attachment is not UTF-8 text`);
  }
  return { receipt: text, parts: Array.from(parts, (p) => p ?? new Uint8Array()) };
}
