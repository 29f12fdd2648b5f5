import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { useConsole } from '../app/console-context';
import { ErrorAlert } from '../components/ErrorAlert';
import { KeyText } from '../components/KeyText';
import { SignaturesTable } from '../components/SignaturesTable';
import { formatDate } from '../lib/format';
import { asApiError, enrolHere, loadOperatorKey, type OperatorKeyState } from '../signing/operator-key';
import { signedActions } from '../signing/signed-actions';
import { checkTicket } from '../signing/ticket';

/**
 * The operator's own signing key in this browser: made here with Web Crypto (P-256, non-extractable, kept in
 * IndexedDB), enrolled with the one-time ticket from the department admin; and the actions signed with it in this tab.
 */
export default function OperatorKeyPage() {
  const { t, i18n } = useTranslation();
  const { config, session, markEnrolled } = useConsole();
  const operatorId = session?.sub ?? '';
  const [state, setState] = useState<OperatorKeyState>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    loadOperatorKey(config.mspId, operatorId).then(setState, (err: unknown) => setError(asApiError(err)));
  }, [config.mspId, operatorId]);

  const enrol = async ({ ticket }: { ticket: string }) => {
    setError(undefined);
    const checked = checkTicket(ticket, { operatorId, mspId: config.mspId });
    if (!checked.ok) {
      setError(new ApiError(400, checked.problem, t(`operatorKey.problems.${checked.problem}`, { operator: operatorId, org: config.org })));
      return;
    }
    setBusy(true);
    try {
      setState(await enrolHere({ config, token: session?.token ?? '', ticket: checked.ticket }));
      markEnrolled();
    } catch (err) {
      setError(asApiError(err));
      // The key made for this attempt stays in IndexedDB; the next attempt reuses it.
      setState(await loadOperatorKey(config.mspId, operatorId));
    } finally {
      setBusy(false);
    }
  };

  const stored = state?.stored;
  const actions = signedActions().filter((a) => a.steps.every((s) => s.certificateSha256 === state?.certificateSha256));
  return (
    <>
      <Typography.Title level={1} className="page-title">{t('operatorKey.title')}</Typography.Title>
      <Typography.Paragraph className="page-lead">{t('operatorKey.lead')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={<h2 className="card-title">{t('operatorKey.keyTitle')}</h2>} data-testid="operator-key">
          {state === undefined && !error ? <Typography.Text>{t('common.loading')}</Typography.Text> : null}
          {state && !stored ? <Alert type="info" showIcon title={t('operatorKey.none')} data-testid="key-none" /> : null}
          {stored ? (
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('operatorKey.operator')}>{stored.operatorId} · {t(`orgs.${stored.mspId}`, { defaultValue: stored.mspId })}</Descriptions.Item>
              <Descriptions.Item label={t('operatorKey.algorithm')}>
                <span data-testid="key-algorithm">{`${(stored.privateKey.algorithm as EcKeyAlgorithm).name} ${(stored.privateKey.algorithm as EcKeyAlgorithm).namedCurve}`}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('operatorKey.extractable')}>
                <span data-testid="key-extractable">{stored.privateKey.extractable ? t('common.yes') : t('operatorKey.notExtractable')}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('operatorKey.created')}>{formatDate(stored.createdAt, i18n.language)}</Descriptions.Item>
              <Descriptions.Item label={t('operatorKey.certificate')}>
                {state?.certificateSha256
                  ? <span data-testid="key-certificate"><KeyText value={state.certificateSha256} full /></span>
                  : <Typography.Text type="warning" data-testid="key-unenrolled">{t('operatorKey.unenrolled')}</Typography.Text>}
              </Descriptions.Item>
            </Descriptions>
          ) : null}
          {state && !state.certificateSha256 ? (
            <Form layout="vertical" onFinish={enrol} style={{ marginTop: 16 }}>
              <Form.Item name="ticket" label={t('operatorKey.ticketLabel')} extra={t('operatorKey.ticketHelp')} rules={[{ required: true, message: t('common.required') }]}>
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} spellCheck={false} autoComplete="off" className="mono" data-testid="ticket-input" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="enrol-submit">{stored ? t('operatorKey.enrolAgain') : t('operatorKey.enrol')}</Button>
            </Form>
          ) : null}
          {error ? <div style={{ marginTop: 16 }}><ErrorAlert error={error} /></div> : null}
        </Card>
        <Card title={<h2 className="card-title">{t('operatorKey.actionsTitle')}</h2>} data-testid="signed-actions">
          {actions.length === 0 ? <Typography.Text type="secondary">{t('operatorKey.actionsEmpty')}</Typography.Text> : (
            <Table
              size="small"
              pagination={false}
              rowKey={(a) => `${a.at}-${a.txId ?? ''}`}
              dataSource={actions}
              expandable={{ expandedRowRender: (a) => <SignaturesTable steps={a.steps} testId="action-signatures" /> }}
              columns={[
                { title: t('operatorKey.when'), dataIndex: 'at', render: (at: string) => formatDate(at, i18n.language) },
                { title: t('operatorKey.action'), dataIndex: 'action', render: (a: string) => <span className="mono">{a}</span> },
                { title: t('operatorKey.status'), dataIndex: 'status' },
                { title: t('signing.transaction'), dataIndex: 'txId', render: (id?: string) => (id ? <KeyText value={id} /> : '—') },
                { title: t('operatorKey.signatures'), key: 'n', render: (_: unknown, a) => a.steps.length },
              ]}
            />
          )}
        </Card>
      </Space>
    </>
  );
}
