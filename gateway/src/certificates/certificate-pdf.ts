import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { CERTIFICATE_KINDS, type CertificateModel } from './certificate-model';

/** Noto Serif SC (SIL OFL), shipped as TrueType by an npm package, so Chinese prints without system fonts. */
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf');
/** Name of the embedded receipt (govchain-verify looks for it). */
export const RECEIPT_ATTACHMENT = 'govchain-receipt.json';
/** Name of block-data part n, attached when a block is too large to inline in the receipt. */
export const partAttachment = (n: number): string => `govchain-receipt-part-${n}.bin`;

const A4: [number, number] = [595.28, 841.89];
const RED = '#b3121b';
const INK = '#1b1b1b';
const GREY = '#5a5a5a';

/** Beijing time (UTC+8) of an ISO instant, e.g. 2026年11月24日 14:30:05（北京时间）. */
export function beijingTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${p(d.getUTCMonth() + 1)}月${p(d.getUTCDate())}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}（北京时间 UTC+8）`;
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const cell = size / (n + quiet * 2);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell + 0.05, cell + 0.05);
  }
  doc.fill().restore();
}

function drawSeal(doc: PDFKit.PDFDocument, cx: number, cy: number, org: string): void {
  doc.save().lineWidth(2.2).strokeColor(RED).circle(cx, cy, 46).stroke().lineWidth(0.8).circle(cx, cy, 41).stroke();
  doc.fillColor(RED).font('bold').fontSize(13).text('★', cx - 7, cy - 30, { width: 14, align: 'center' });
  doc.font('bold').fontSize(10.5).text('电子存证核验', cx - 40, cy - 8, { width: 80, align: 'center' });
  doc.font('regular').fontSize(6).text(org, cx - 40, cy + 10, { width: 80, align: 'center' });
  doc.restore();
}

/** Renders a certificate as a one-page A4 PDF with the receipt (and any block-data parts) attached. */
export function renderCertificatePdf(m: CertificateModel, parts: readonly Uint8Array[] = []): Promise<Buffer> {
  const k = CERTIFICATE_KINDS[m.kind];
  const created = new Date(m.time);
  const doc = new PDFDocument({
    size: A4,
    margin: 0,
    info: { Title: `${k.zh} ${k.en} ${m.number}`, Author: m.issuerMsp, Subject: `GovChain transaction ${m.txId}`, Creator: 'GovChain gateway', CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const [W, H] = A4;

  // Frame: a double border as on printed certificates.
  doc.lineWidth(3).strokeColor(RED).rect(22, 22, W - 44, H - 44).stroke();
  doc.lineWidth(0.8).rect(30, 30, W - 60, H - 60).stroke();

  doc.fillColor(GREY).font('regular').fontSize(9).text('GovChain 政务服务链 · Government Service Chain', 0, 52, { width: W, align: 'center' });
  doc.fillColor(RED).font('bold').fontSize(26).text(k.zh, 0, 72, { width: W, align: 'center', characterSpacing: 4 });
  doc.fillColor(INK).font('regular').fontSize(13).text(k.en, 0, 110, { width: W, align: 'center' });
  doc.font('regular').fontSize(8).fillColor(GREY).text(`出具机构 Issued by ${m.issuerMsp}`, 0, 130, { width: W, align: 'center' });
  doc.font('regular').fontSize(10).fillColor(INK)
    .text(`${k.number.zh} ${k.number.en}：`, 60, 150, { continued: true }).font('bold').text(m.number);
  doc.moveTo(60, 168).lineTo(W - 60, 168).lineWidth(0.6).strokeColor(RED).stroke();

  let y = 178;
  const labelW = 170;
  const valueX = 60 + labelW + 10;
  const valueW = W - 60 - valueX;
  const row = (zh: string, en: string, value: string, mono = false) => {
    doc.font('bold').fontSize(10).fillColor(INK).text(zh, 60, y, { width: labelW });
    doc.font('regular').fontSize(7.5).fillColor(GREY).text(en, 60, doc.y, { width: labelW });
    const labelBottom = doc.y;
    doc.font('regular').fontSize(mono ? 8 : 10).fillColor(INK).text(value || '—', valueX, y, { width: valueW, lineGap: 1 });
    y = Math.max(labelBottom, doc.y) + 4;
  };
  for (const f of m.fields) row(f.zh, f.en, f.value, f.mono);

  y += 2;
  doc.moveTo(60, y).lineTo(W - 60, y).lineWidth(0.4).strokeColor(GREY).stroke();
  y += 8;
  doc.font('bold').fontSize(11).fillColor(RED).text('链上存证信息  On-chain evidence', 60, y);
  y = doc.y + 6;
  row('登记时间', 'Time of record', `${beijingTime(m.time)}\n${m.time}`);
  row('交易号', 'Transaction ID', m.txId, true);
  row('区块号', 'Block number', m.blockNumber);
  row('交易信封哈希', 'Envelope SHA-256 (evidence)', m.evidence, true);
  row('回执摘要', 'Receipt digest (SHA-256)', m.receiptDigest, true);

  // Verification block: QR code (verification URL with the receipt digest) and instructions, below the
  // content; a long record pushes it down and the QR code shrinks rather than overlapping (never below 96 pt).
  let qrSize = 128;
  let qrY = H - 60 - qrSize - 30;
  if (y + 12 > qrY) {
    qrY = y + 12;
    qrSize = Math.max(96, H - 60 - 30 - qrY);
  }
  drawQr(doc, m.qrText, W - 60 - qrSize, qrY, qrSize);
  doc.font('regular').fontSize(7.5).fillColor(GREY).text('扫码获取并核验回执\nScan to fetch and verify the receipt', W - 60 - qrSize, qrY + qrSize + 3, { width: qrSize, align: 'center' });
  drawSeal(doc, W - 60 - qrSize - 70, qrY + qrSize / 2, m.issuerMsp);
  const noteW = W - 60 - qrSize - 150 - 60;
  doc.font('bold').fontSize(9).fillColor(INK).text('如何核验  How to verify', 60, qrY, { width: noteW });
  doc.font('regular').fontSize(7.5).fillColor(INK).text(
    '本证书内嵌机器可核验的交易回执（PDF 附件 govchain-receipt.json）。任何人无需联网、无需信任出具机构，仅凭各部门公布的根 CA 证书即可核验：\n'
      + 'govchain-verify certificate.pdf --trust <根证书目录> [--file 作品文件]\n'
      + 'This certificate embeds a machine-verifiable transaction receipt (attachment govchain-receipt.json). '
      + 'Anyone can check it offline with only the departments\' published root CA certificates, using the command above. '
      + 'The seal is a visual mark only; the proof is the receipt.',
    60, doc.y + 3, { width: noteW, lineGap: 1 },
  );

  doc.file(Buffer.from(m.receiptJson, 'utf8'), {
    name: RECEIPT_ATTACHMENT,
    type: 'application/json',
    description: `GovChain receipt (govchain-receipt/1) of transaction ${m.txId}`,
    creationDate: created,
    modifiedDate: created,
  });
  parts.forEach((part, n) => doc.file(Buffer.from(part), {
    name: partAttachment(n), type: 'application/octet-stream', description: `Block-data part ${n} of the receipt`, creationDate: created, modifiedDate: created,
  }));
  doc.end();
  return done;
}
