import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { AuditEntry } from '../api/types';
import { KeyText } from '../components/KeyText';
import { OrgName } from '../components/OrgName';
import { formatTime } from '../lib/format';
import { isLookupEntry, sealingOrderOf, subjectKeyOf } from '../lib/entries';

/** The subject cell: the subject key of an access, or the kind of an identity lookup (which has only a pseudonym). */
export function SubjectCell({ entry, t }: { entry: AuditEntry; t: TFunction }) {
  return isLookupEntry(entry)
    ? <Tag color="blue">{t('audit.lookup', { kind: t(`audit.lookupKinds.${entry.lookup}`) })}</Tag>
    : <KeyText value={entry.subjectKey} />;
}

/** Table columns of audit entries (search results and drill-downs). */
export function auditColumns(t: TFunction, lang: string) {
  return [
    { title: t('audit.at'), dataIndex: 'at', key: 'at', render: (v: string) => formatTime(v, lang), width: 170 },
    { title: t('audit.subject'), key: 'subject', render: (_: unknown, e: AuditEntry) => <SubjectCell entry={e} t={t} /> },
    { title: t('audit.org'), dataIndex: 'accessorMsp', key: 'org', render: (v: string) => <OrgName msp={v} /> },
    { title: t('audit.operator'), dataIndex: 'accessorOperatorId', key: 'operator' },
    { title: t('audit.dataset'), dataIndex: 'dataset', key: 'dataset' },
    { title: t('audit.purpose'), dataIndex: 'purpose', key: 'purpose' },
    { title: t('audit.caseId'), dataIndex: 'caseId', key: 'caseId' },
    {
      title: '', key: 'flags', render: (_: unknown, e: AuditEntry) => (
        <>
          {sealingOrderOf(e) ? <Tag color="red">{t('audit.sealed', { order: sealingOrderOf(e)?.slice(0, 10) })}</Tag> : null}
          {e.importBatchId ? <Tag>{t('audit.imported')}</Tag> : null}
        </>
      ),
    },
    { title: t('common.details'), key: 'open', render: (_: unknown, e: AuditEntry) => <Link to={`/audit/entry/${e.accessId}`} aria-label={`${t('audit.open')} ${e.accessId}`}>{t('audit.open')}</Link> },
  ];
}

/** CSV columns of an export. */
export const auditCsvColumns = (t: TFunction) => [
  { header: t('audit.at'), value: (e: AuditEntry) => e.at },
  { header: t('audit.accessId'), value: (e: AuditEntry) => e.accessId },
  { header: t('audit.kind'), value: (e: AuditEntry) => (isLookupEntry(e) ? `lookup:${e.lookup}` : 'access') },
  { header: t('audit.subject'), value: (e: AuditEntry) => subjectKeyOf(e) ?? '' },
  { header: t('audit.org'), value: (e: AuditEntry) => e.accessorMsp },
  { header: t('audit.operator'), value: (e: AuditEntry) => e.accessorOperatorId },
  { header: t('audit.role'), value: (e: AuditEntry) => e.role },
  { header: t('audit.dataset'), value: (e: AuditEntry) => e.dataset },
  { header: t('audit.fields'), value: (e: AuditEntry) => e.fields },
  { header: t('audit.purpose'), value: (e: AuditEntry) => e.purpose },
  { header: t('audit.legalBasis'), value: (e: AuditEntry) => e.legalBasis },
  { header: t('audit.caseId'), value: (e: AuditEntry) => e.caseId },
  { header: 'sealingOrderId', value: (e: AuditEntry) => sealingOrderOf(e) ?? '' },
  { header: t('audit.batch'), value: (e: AuditEntry) => e.importBatchId ?? '' },
];
