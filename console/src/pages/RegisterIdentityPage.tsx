import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import type { SignedStep } from '@govchain/client';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiErrorFromBody, type ApiError } from '../api/api-error';
import { useConsole } from '../app/console-context';
import { ErrorAlert } from '../components/ErrorAlert';
import { KeyText } from '../components/KeyText';
import { SignaturesTable, type LedgerCreator } from '../components/SignaturesTable';
import { asApiError, loadOperatorKey, signingClient, type OperatorKeyState } from '../signing/operator-key';
import { recordSignedAction } from '../signing/signed-actions';

interface PersonForm { idNumber: string; name: string; birthDate: string; address: string }
interface Registered { txId: string; blockNumber?: number; data: { subjectKey: string } }
interface TransactionInfo { creator?: LedgerCreator }

const PATH = '/api/v1/identities';

/**
 * Registrar: registers a citizen's identity, signed in this page with the operator's own key. The personal data
 * goes to the gateway once, for the registrar org's private collection; every proposal and transaction is decoded
 * and checked here, then signed with the non-extractable key in IndexedDB. The result shows which key signed each
 * step and which certificate the ledger names as creator.
 */
export default function RegisterIdentityPage() {
  const { t } = useTranslation();
  const { config, session, api } = useConsole();
  const [form] = Form.useForm<PersonForm>();
  const [key, setKey] = useState<OperatorKeyState>();
  const [steps, setSteps] = useState<SignedStep[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [result, setResult] = useState<Registered>();
  const [ledger, setLedger] = useState<Record<string, LedgerCreator | undefined>>({});
  useEffect(() => {
    loadOperatorKey(config.mspId, session?.sub ?? '').then(setKey, (err: unknown) => setError(asApiError(err)));
  }, [config.mspId, session?.sub]);

  const submit = async (person: PersonForm) => {
    if (!key?.stored?.certificatePem || !session) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    setLedger({});
    const shown: SignedStep[] = [];
    setSteps([]);
    try {
      const client = signingClient({ config, token: session.token, key: key.stored, onSign: (s) => {
        shown.push(s);
        setSteps([...shown]);
      } });
      const res = await client.send<Registered & { error?: { key: string; message: string; details?: unknown; txId?: string } }>('POST', PATH, { body: { personalData: person } });
      setSteps(res.signed);
      recordSignedAction({ at: new Date().toISOString(), action: `POST ${PATH}`, status: res.status, ...(res.body.txId ? { txId: res.body.txId } : {}), steps: res.signed });
      if (res.status !== 201) {
        throw apiErrorFromBody(res.status, res.body);
      }
      setResult(res.body);
      form.resetFields();
      // What the ledger says signed each transaction (read through the gateway's qscc view).
      const txIds = [...new Set(res.signed.filter((s) => s.kind === 'transaction').map((s) => s.transactionId))];
      const creators = await Promise.all(txIds.map((id) => api.get<TransactionInfo>(`/transactions/${id}`).then((r) => r.creator, () => undefined)));
      setLedger(Object.fromEntries(txIds.map((id, i) => [id, creators[i]])));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const ready = !!key?.stored?.certificatePem;
  return (
    <>
      <Typography.Title level={1} className="page-title">{t('register.title')}</Typography.Title>
      <Typography.Paragraph className="page-lead">{t('register.lead')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {key && !ready ? (
          <Alert type="warning" showIcon title={t('register.noKey')} action={<Link to="/operator/key">{t('nav.operatorKey')}</Link>} data-testid="register-no-key" />
        ) : null}
        {ready ? (
          <Typography.Text type="secondary" data-testid="register-signer">
            {t('register.signer')} <KeyText value={key.certificateSha256 ?? ''} />
          </Typography.Text>
        ) : null}
        <Card title={<h2 className="card-title">{t('register.formTitle')}</h2>}>
          <Form form={form} layout="vertical" onFinish={submit} disabled={!ready || busy} autoComplete="off">
            <Form.Item name="idNumber" label={t('register.idNumber')} rules={[{ required: true, message: t('common.required') }]}>
              <Input className="mono" data-testid="person-idNumber" />
            </Form.Item>
            <Form.Item name="name" label={t('register.name')} rules={[{ required: true, message: t('common.required') }]}>
              <Input data-testid="person-name" />
            </Form.Item>
            <Form.Item name="birthDate" label={t('register.birthDate')} extra="YYYY-MM-DD" rules={[{ required: true, message: t('common.required') }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('register.datePattern') }]}>
              <Input className="mono" data-testid="person-birthDate" />
            </Form.Item>
            <Form.Item name="address" label={t('register.address')} rules={[{ required: true, message: t('common.required') }]}>
              <Input data-testid="person-address" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="register-submit">{t('register.submit')}</Button>
          </Form>
        </Card>
        {error ? <ErrorAlert error={error} /> : null}
        {result ? (
          <Card title={<h2 className="card-title">{t('register.done')}</h2>} data-testid="register-result">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('register.subjectKey')}><span data-testid="register-subject"><KeyText value={result.data.subjectKey} full /></span></Descriptions.Item>
              <Descriptions.Item label={t('signing.transaction')}><span data-testid="register-tx"><KeyText value={result.txId} full /></span></Descriptions.Item>
            </Descriptions>
          </Card>
        ) : null}
        {steps.length > 0 ? (
          <Card title={<h2 className="card-title">{t('register.signaturesTitle')}</h2>}>
            <SignaturesTable steps={steps} ledger={ledger} />
          </Card>
        ) : null}
      </Space>
    </>
  );
}
