import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { AccessEntry } from '../api/types';
import { KeyText } from '../components/KeyText';
import { OrgName } from '../components/OrgName';
import { formatTime } from '../lib/format';

/** Table columns of audit entries (search results and drill-downs). */
export function auditColumns(t: TFunction, lang: string) {
  return [
    { title: t('audit.at'), dataIndex: 'at', key: 'at', render: (v: string) => formatTime(v, lang), width: 170 },
    { title: t('audit.subject'), dataIndex: 'subjectKey', key: 'subject', render: (v: string) => <KeyText value={v} /> },
    { title: t('audit.org'), dataIndex: 'accessorMsp', key: 'org', render: (v: string) => <OrgName msp={v} /> },
    { title: t('audit.operator'), dataIndex: 'accessorOperatorId', key: 'operator' },
    { title: t('audit.dataset'), dataIndex: 'dataset', key: 'dataset' },
    { title: t('audit.purpose'), dataIndex: 'purpose', key: 'purpose' },
    { title: t('audit.caseId'), dataIndex: 'caseId', key: 'caseId' },
    {
      title: '', key: 'flags', render: (_: unknown, e: AccessEntry) => (
        <>
          {e.sealedUntil ? <Tag color="red">{t('audit.sealed', { until: formatTime(e.sealedUntil, lang) })}</Tag> : null}
          {e.importBatchId ? <Tag>{t('audit.imported')}</Tag> : null}
        </>
      ),
    },
    { title: t('common.details'), key: 'open', render: (_: unknown, e: AccessEntry) => <Link to={`/audit/entry/${e.accessId}`} aria-label={`${t('audit.open')} ${e.accessId}`}>{t('audit.open')}</Link> },
  ];
}

/** CSV columns of an export. */
export const auditCsvColumns = (t: TFunction) => [
  { header: t('audit.at'), value: (e: AccessEntry) => e.at },
  { header: t('audit.accessId'), value: (e: AccessEntry) => e.accessId },
  { header: t('audit.subject'), value: (e: AccessEntry) => e.subjectKey },
  { header: t('audit.org'), value: (e: AccessEntry) => e.accessorMsp },
  { header: t('audit.operator'), value: (e: AccessEntry) => e.accessorOperatorId },
  { header: t('audit.role'), value: (e: AccessEntry) => e.role },
  { header: t('audit.dataset'), value: (e: AccessEntry) => e.dataset },
  { header: t('audit.fields'), value: (e: AccessEntry) => e.fields },
  { header: t('audit.purpose'), value: (e: AccessEntry) => e.purpose },
  { header: t('audit.legalBasis'), value: (e: AccessEntry) => e.legalBasis },
  { header: t('audit.caseId'), value: (e: AccessEntry) => e.caseId },
  { header: 'sealedUntil', value: (e: AccessEntry) => e.sealedUntil ?? '' },
  { header: t('audit.batch'), value: (e: AccessEntry) => e.importBatchId ?? '' },
];
