import type { Receipt, ReceiptRecord } from '@govchain/verifier';
import { ApiError } from '../errors/api-error';

/** The three certificates GovChain prints, by the record they certify. */
export const CERTIFICATE_KINDS = {
  copyright: { family: 'copyright', kind: 'deposit', zh: '作品著作权存证证书', en: 'Copyright Deposit Certificate', number: { zh: '存证编号', en: 'Deposit No.' } },
  property: { family: 'property', kind: 'title', zh: '不动产登记信息摘要', en: 'Property Title Extract', number: { zh: '不动产单元号', en: 'Parcel No.' } },
  business: { family: 'business', kind: 'registration', zh: '企业登记信息摘要', en: 'Business Registration Extract', number: { zh: '统一社会信用代码', en: 'Unified Social Credit Code' } },
} as const;
/** A certificate kind. */
export type CertificateKind = keyof typeof CERTIFICATE_KINDS;

/** One printed line: bilingual label and value. */
export interface CertificateField {
  zh: string;
  en: string;
  value: string;
  /** Monospaced (hashes, keys). */
  mono?: boolean;
}

/** Everything printed on a certificate; values come from the receipt's verified record. */
export interface CertificateModel {
  kind: CertificateKind;
  number: string;
  fields: CertificateField[];
  issuerMsp: string;
  txId: string;
  blockNumber: string;
  /** Transaction time, ISO-8601 UTC. */
  time: string;
  /** SHA-256 of the committed envelope: the public verification URL's evidence. */
  evidence: string;
  /** SHA-256 of the embedded receipt's canonical JSON. */
  receiptDigest: string;
  /** What the QR code encodes: the verification URL with the receipt digest in its fragment. */
  qrText: string;
  receiptJson: string;
}

const list = (v: unknown): string => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n') : String(v ?? '—'));
const holder = (h: { kind?: string; subjectKey?: string; code?: string; name?: string }): string =>
  h.kind === 'person' ? `自然人 person ${h.subjectKey ?? ''}` : `单位 organisation ${h.code ?? ''}${h.name ? ` ${h.name}` : ''}`;

type Value = Record<string, unknown> & { meta?: { version?: number; approvedBy?: string; legalAuthority?: string } };

function fieldsOf(kind: CertificateKind, v: Value): CertificateField[] {
  const meta = v.meta ?? {};
  const version = { zh: '记录版本', en: 'Record version', value: `${meta.version ?? 1}（${meta.approvedBy ?? ''}）` };
  if (kind === 'copyright') {
    const cert = (v.certificate ?? {}) as { depositorMsp?: string; operatorId?: string };
    return [
      { zh: '作品名称', en: 'Title of the work', value: String(v.title ?? '') },
      { zh: '作品类别', en: 'Type of work', value: String(v.workType ?? '') },
      { zh: '作者（主体标识）', en: 'Authors (subject keys)', value: list(v.authors), mono: true },
      { zh: '著作权人', en: 'Rights holders', value: Array.isArray(v.holders) ? (v.holders as Array<Record<string, string>>).map(holder).join('\n') : '—', mono: true },
      { zh: '首次发表日期', en: 'First publication', value: String(v.firstPublicationDate ?? '未发表 unpublished') },
      { zh: '作品内容哈希 (SHA-256)', en: 'Content hash (SHA-256)', value: String(v.contentHash ?? ''), mono: true },
      { zh: '存证机构 / 经办人', en: 'Depositary / operator', value: `${cert.depositorMsp ?? ''} / ${cert.operatorId ?? ''}` },
    ];
  }
  if (kind === 'property') {
    const enc = Array.isArray(v.activeEncumbrances) ? (v.activeEncumbrances as Array<{ encumbranceId: string }>).map((e) => e.encumbranceId) : [];
    return [
      { zh: '权利人（主体标识）', en: 'Owners (subject keys)', value: list(v.owners), mono: true },
      { zh: '面积（平方米）', en: 'Area (m²)', value: String(v.areaSqm ?? '') },
      { zh: '用途', en: 'Use', value: String(v.use ?? '') },
      { zh: '抵押等权利限制', en: 'Encumbrances', value: enc.length > 0 ? enc.join('\n') : '无 none' },
      { zh: '权属文件哈希 (SHA-256)', en: 'Title document hash (SHA-256)', value: String(v.documentHash ?? ''), mono: true },
      version,
    ];
  }
  const capital = (v.registeredCapital ?? {}) as { amount?: string; currency?: string };
  return [
    { zh: '名称', en: 'Name', value: String(v.name ?? '') },
    { zh: '类型', en: 'Entity type', value: String(v.entityType ?? '') },
    { zh: '注册资本', en: 'Registered capital', value: `${capital.amount ?? ''} ${capital.currency ?? ''}` },
    { zh: '法定代表人（主体标识）', en: 'Legal representative (subject key)', value: String(v.legalRepresentative ?? ''), mono: true },
    { zh: '登记状态', en: 'Status', value: String(v.status ?? '') },
    { zh: '住所指纹 (SHA-256)', en: 'Address fingerprint', value: String(v.addressFingerprint ?? ''), mono: true },
    { zh: '登记机关', en: 'Registrar', value: String(v.registrarMsp ?? '') },
    version,
  ];
}

/** The certified record of a receipt: the write of the kind's record with the given id. */
export function certifiedRecord(kind: CertificateKind, receipt: Receipt, id: string): ReceiptRecord {
  const k = CERTIFICATE_KINDS[kind];
  const record = receipt.records.find((r) => r.family === k.family && r.kind === k.kind && r.id === id && r.value !== null);
  if (!record) throw new ApiError(502, 'RECEIPT_UNAVAILABLE', `the transaction ${receipt.txId} does not write ${k.family} ${k.kind} ${id}`);
  return record;
}

/** Builds the printed content of a certificate from its receipt. */
export function certificateModel(o: {
  kind: CertificateKind; id: string; receipt: Receipt; receiptJson: string; receiptDigest: string; evidence: string; time: string; issuerMsp: string; publicUrl: string;
}): CertificateModel {
  const record = certifiedRecord(o.kind, o.receipt, o.id);
  const value = JSON.parse(record.value as string) as Value;
  const url = `${o.publicUrl.replace(/\/+$/, '')}/api/v1/public/receipts/${o.receipt.txId}?evidence=${o.evidence}#sha256=${o.receiptDigest}`;
  return {
    kind: o.kind,
    number: o.id,
    fields: fieldsOf(o.kind, value),
    issuerMsp: o.issuerMsp,
    txId: o.receipt.txId,
    blockNumber: o.receipt.block.number,
    time: o.time,
    evidence: o.evidence,
    receiptDigest: o.receiptDigest,
    qrText: url,
    receiptJson: o.receiptJson,
  };
}
