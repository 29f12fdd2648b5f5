import { Table, Tag } from 'antd';
import type { SignedStep } from '@govchain/client';
import { useTranslation } from 'react-i18next';
import { KeyText } from './KeyText';

/** The key the ledger names as creator of a transaction (GET /transactions/{txId}). */
export interface LedgerCreator {
  operatorId?: string;
  certificateSha256?: string;
}

/**
 * Which key signed each step of an action: the call decoded from the signed bytes, proposal or transaction, the
 * transaction id, the SHA-256 of the certificate whose key signed, and (when known) whether the ledger names that
 * same certificate as the transaction's creator.
 */
export function SignaturesTable({ steps, ledger = {}, testId = 'signatures' }: { steps: readonly SignedStep[]; ledger?: Record<string, LedgerCreator | undefined>; testId?: string }) {
  const { t } = useTranslation();
  const rows = steps.map((s, i) => ({ ...s, n: i + 1 }));
  return (
    <Table
      data-testid={testId}
      size="small"
      pagination={false}
      rowKey={(r) => `${r.n}`}
      dataSource={rows}
      scroll={{ x: true }}
      columns={[
        { title: '#', dataIndex: 'n', width: 48 },
        { title: t('signing.call'), dataIndex: 'fn', render: (fn: string) => <span className="mono">{fn}</span> },
        { title: t('signing.kind'), dataIndex: 'kind', render: (k: string) => t(`signing.kinds.${k}`, { defaultValue: k }) },
        { title: t('signing.transaction'), dataIndex: 'transactionId', render: (id: string) => <KeyText value={id} /> },
        { title: t('signing.key'), dataIndex: 'certificateSha256', render: (sha: string) => <span data-testid="signed-by"><KeyText value={sha} /></span> },
        {
          title: t('signing.ledger'),
          key: 'ledger',
          render: (_: unknown, r) => {
            const c = ledger[r.transactionId];
            if (!c?.certificateSha256) return <Tag>{t('signing.ledgerUnknown')}</Tag>;
            return c.certificateSha256 === r.certificateSha256
              ? <Tag color="green" data-testid="ledger-match">{t('signing.ledgerMatch', { operator: c.operatorId ?? '' })}</Tag>
              : <Tag color="red" data-testid="ledger-mismatch">{t('signing.ledgerMismatch')}</Tag>;
          },
        },
      ]}
    />
  );
}
