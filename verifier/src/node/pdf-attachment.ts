import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, PDFHexString, decodePDFRawStream } from 'pdf-lib';
import { ReceiptError } from '../errors';

/** Name under which certificates embed their receipt. */
export const RECEIPT_ATTACHMENT = 'govchain-receipt.json';

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

/** Extracts the embedded govchain-receipt.json of a certificate PDF (its EmbeddedFiles name tree). */
export async function receiptFromPdf(bytes: Uint8Array): Promise<string> {
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
  const match = files.find(([key, spec]) => key === RECEIPT_ATTACHMENT || fileName(spec) === RECEIPT_ATTACHMENT);
  const ef = match?.[1].lookup(PDFName.of('EF'));
  const stream = ef instanceof PDFDict ? ef.lookup(PDFName.of('F')) : undefined;
  if (!(stream instanceof PDFRawStream)) throw new ReceiptError('PDF_NO_RECEIPT', `the PDF has no ${RECEIPT_ATTACHMENT} attachment`, { attachments: files.map(([k]) => k) });
  return new TextDecoder('utf-8', { fatal: true }).decode(decodePDFRawStream(stream).decode());
}
