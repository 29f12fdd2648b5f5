import { Alert, Card, Descriptions, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { checkTitle, findingText, type Language } from '@govchain/verifier';
import type { VerificationReport } from '../lib/receipts';
import { formatTime } from '../lib/format';
import { KeyText } from './KeyText';

/** The verifier's language for the console's (both speak zh-CN and en). */
const languageOf = (lang: string): Language => (lang === 'en' ? 'en' : 'zh-CN');

/**
 * A verification report as the CLI prints it, one line per check and per finding, in the page's language (the
 * verifier's own messages), with the verdict, the transaction and the records from the signed write set.
 */
export function ReceiptReport({ report }: { report: VerificationReport }) {
  const { t, i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  const failed = report.checks.filter((c) => !c.ok).length;
  // The listed records are the receipt's own statement; only the record check makes them the signed write set.
  const recordsProven = report.checks.some((c) => c.id === 'record' && c.ok);
  return (
    <Card
      data-testid="receipt-report"
      title={<h2 className="card-title">{t('receipt.reportTitle')}</h2>}
      extra={report.ok
        ? <Tag color="green" data-testid="receipt-verdict" data-ok="true">{t('receipt.verified')}</Tag>
        : <Tag color="red" data-testid="receipt-verdict" data-ok="false">{t('receipt.failed', { count: failed })}</Tag>}
    >
      {report.ok
        ? <Alert type="success" showIcon title={t('receipt.verifiedText')} style={{ marginBottom: 16 }} />
        : <Alert type="error" showIcon role="alert" title={t('receipt.failedText', { count: failed })} description={t('receipt.failedNext')} style={{ marginBottom: 16 }} />}
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
        <Descriptions.Item label={t('verify.tx')} span={2}><KeyText value={report.txId} full /></Descriptions.Item>
        <Descriptions.Item label={t('receipt.channel')}>{report.channel}</Descriptions.Item>
        <Descriptions.Item label={t('receipt.position')}>{t('receipt.positionValue', { block: report.blockNumber, index: report.txIndex })}</Descriptions.Item>
        <Descriptions.Item label={t('receipt.time')}>{formatTime(report.timestamp, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t('receipt.digest')}><KeyText value={report.digest} /></Descriptions.Item>
      </Descriptions>
      <h3 className="card-title" style={{ margin: '16px 0 8px' }}>{t('receipt.checks')}</h3>
      <ol className="checklist" data-testid="receipt-checks">
        {report.checks.map((c) => (
          <li key={c.id} data-check={c.id} data-ok={String(c.ok)}>
            <Typography.Text strong>
              {c.ok ? <CheckCircleFilled className="ok-icon" aria-hidden /> : <CloseCircleFilled className="fail-icon" aria-hidden />}{' '}
              {checkTitle(c.id, lang)} <span className="sr-only">{c.ok ? t('receipt.holds') : t('receipt.fails')}</span>
            </Typography.Text>
            <ul>
              {c.findings.map((f, i) => (
                <li key={i} className={f.ok ? undefined : 'finding-fail'}>
                  <span aria-hidden>{f.ok ? '✓' : '✗'}</span> {findingText(f, lang)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <h3 className={recordsProven ? 'card-title' : 'card-title warn-text'} style={{ margin: '16px 0 8px' }}>{t(recordsProven ? 'receipt.records' : 'receipt.recordsUnproven')}</h3>
      <Table
        size="small"
        rowKey={(r) => r.key}
        pagination={false}
        dataSource={report.records}
        scroll={{ x: true }}
        locale={{ emptyText: t('receipt.noRecords') }}
        columns={[
          { title: t('receipt.family'), dataIndex: 'family', render: (v: string, r) => `${v} · ${r.kind}` },
          { title: t('receipt.recordId'), dataIndex: 'id', render: (v: string) => <span className="mono break">{v}</span> },
          { title: t('receipt.value'), dataIndex: 'value', render: (v: string | null) => (v === null ? t('receipt.deleted') : <span className="mono break receipt-value">{v}</span>) },
        ]}
      />
    </Card>
  );
}
