import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { OidcSignIn } from '../auth/OidcSignIn';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { useConsole } from '../app/console-context';
import { ErrorAlert } from '../components/ErrorAlert';

/** Where a role goes after signing in when no page was asked for. */
const HOME_OF: Record<string, string> = { auditor: '/audit', citizen: '/me', registrar: '/operator/register', clerk: '/operator/key', admin: '/operator/key' };

/** Safe in-console redirect target (never another origin). */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : undefined);

/** Sign-in: the development token page (when the gateway allows it) and the department's identity provider. */
export default function SignInPage() {
  const { t } = useTranslation();
  const { config, signIn } = useConsole();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ token }: { token: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const s = await signIn(token);
      // An operator without a certificate can only enrol first.
      navigate(s.enrolled === false ? '/operator/key' : safeNext(params.get('next')) ?? HOME_OF[s.role] ?? '/', { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(400, 'INVALID_ARGUMENT', t('signIn.badToken', { reason: err instanceof Error ? err.message : String(err) })));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="signin" style={{ maxWidth: 640, margin: '0 auto' }}>
      <Typography.Title level={1} className="page-title">{t('signIn.title')}</Typography.Title>
      {config.oidc ? <OidcSignIn oidc={config.oidc} next={safeNext(params.get('next'))} /> : null}
      {config.tokenSignIn ? (
        <Form layout="vertical" onFinish={submit}>
          <Form.Item name="token" label={t('signIn.tokenLabel')} extra={t('signIn.tokenHelp', { org: config.org })} rules={[{ required: true, message: t('common.required') }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 8 }} spellCheck={false} autoComplete="off" className="mono" data-testid="token-input" />
          </Form.Item>
          {error ? <div style={{ marginBottom: 16 }}><ErrorAlert error={error} /></div> : null}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="token-submit">{t('signIn.submit')}</Button>
        </Form>
      ) : (
        <Alert type="info" showIcon title={config.oidc ? t('signIn.disabled') : t('signIn.noMethod')} />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>{t('signIn.storage')}</Typography.Paragraph>
    </Card>
  );
}
