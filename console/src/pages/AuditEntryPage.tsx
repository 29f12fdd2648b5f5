import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, TxInfo } from '../api/types';
import { useConsole } from '../app/console-context';
import { useRequest } from '../app/use-request';
import { KeyText } from '../components/KeyText';
import { OrgName } from '../components/OrgName';
import { ViewState } from '../components/ViewState';
import { formatTime, txIdOfAccess } from '../lib/format';
import { isLookupEntry, sealingOrderOf } from '../lib/entries';
import { SubjectCell } from './audit-columns';
import { EntryReceipt } from './entry-receipt';

/** Auditor: one audit entry with the ledger transaction that recorded it. */
export default function AuditEntryPage() {
  const { accessId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const navigate = useNavigate();
  const entry = useRequest(() => api.get<AuditEntry>(`/audit/${encodeURIComponent(accessId)}`), [accessId]);
  const tx = useRequest(() => api.get<TxInfo>(`/transactions/${encodeURIComponent(txIdOfAccess(accessId))}`), [accessId], !!entry.data);
  const e = entry.data;
  const lang = i18n.language;
  return (
    <>
      <Space style={{ marginBottom: 12 }}><Button onClick={() => navigate(-1)}>{t('common.back')}</Button></Space>
      <Typography.Title level={1} className="page-title">{t('audit.entry')}</Typography.Title>
      <ViewState loading={entry.loading} error={entry.error} onRetry={entry.reload}>
        {e ? (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card data-testid="audit-entry">
              <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
                <Descriptions.Item label={t('audit.accessId')} span={2}><KeyText value={e.accessId} full /></Descriptions.Item>
                <Descriptions.Item label={t('audit.at')}>{formatTime(e.at, lang)}</Descriptions.Item>
                <Descriptions.Item label={t('audit.expires')}>{formatTime(e.expiresAt, lang)}</Descriptions.Item>
                {isLookupEntry(e)
                  ? <Descriptions.Item label={t('audit.pseudonym')} span={2}><SubjectCell entry={e} t={t} /> <KeyText value={e.subjectRef} /></Descriptions.Item>
                  : <Descriptions.Item label={t('audit.subject')} span={2}><KeyText value={e.subjectKey} full /></Descriptions.Item>}
                <Descriptions.Item label={t('audit.org')}><OrgName msp={e.accessorMsp} withId /></Descriptions.Item>
                <Descriptions.Item label={t('audit.operator')}>{e.accessorOperatorId} · {t(`roles.${e.role}`, { defaultValue: e.role })}</Descriptions.Item>
                <Descriptions.Item label={t('audit.dataset')}>{e.dataset}</Descriptions.Item>
                <Descriptions.Item label={t('audit.fields')}>{e.fields.join(', ')}</Descriptions.Item>
                <Descriptions.Item label={t('audit.purpose')}>{e.purpose}</Descriptions.Item>
                <Descriptions.Item label={t('audit.legalBasis')}>{e.legalBasis}</Descriptions.Item>
                <Descriptions.Item label={t('audit.caseId')} span={2}><span data-testid="entry-case">{e.caseId}</span></Descriptions.Item>
                <Descriptions.Item label={t('audit.grant')}>{e.grantId ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('audit.batch')}>{e.importBatchId ?? '—'}</Descriptions.Item>
                {sealingOrderOf(e) ? <Descriptions.Item label={t('audit.sealed', { order: '' })} span={2}><Tag color="red" className="mono">{sealingOrderOf(e)}</Tag></Descriptions.Item> : null}
              </Descriptions>
            </Card>
            <Card title={<h2 className="card-title">{t('audit.txTitle')}</h2>}>
              <ViewState loading={tx.loading} error={tx.error} onRetry={tx.reload}>
                {tx.data ? (
                  <Descriptions column={{ xs: 1, md: 3 }} size="small">
                    <Descriptions.Item label={t('verify.tx')}><KeyText value={tx.data.txId} /></Descriptions.Item>
                    <Descriptions.Item label={t('verify.block')}>{tx.data.blockNumber}</Descriptions.Item>
                    <Descriptions.Item label={t('audit.validation')}>{tx.data.valid ? <Tag color="green">{tx.data.validationCode}</Tag> : <Tag color="red">{tx.data.validationCode}</Tag>}</Descriptions.Item>
                  </Descriptions>
                ) : null}
              </ViewState>
            </Card>
            <Card title={<h2 className="card-title">{t('audit.receipt')}</h2>}>
              <EntryReceipt txId={txIdOfAccess(accessId)} />
            </Card>
          </Space>
        ) : null}
      </ViewState>
    </>
  );
}
