import { useEffect, useState } from 'react';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import type { ConsoleConfig } from '../api/types';
import { useConsole } from '../app/console-context';
import { ErrorAlert } from '../components/ErrorAlert';
import { isOidcCallback, oidcManager } from './oidc';

/** "Sign in with the department identity provider", and the completion of that sign-in when the provider returns. */
export function OidcSignIn({ oidc, next }: { oidc: NonNullable<ConsoleConfig['oidc']>; next: string | undefined }) {
  const { t } = useTranslation();
  const { signIn } = useConsole();
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!isOidcCallback(window.location.search)) return;
    setBusy(true);
    const manager = oidcManager(oidc);
    manager.signinCallback()
      .then(async (user) => {
        if (!user?.access_token) throw new Error('the identity provider returned no access token');
        const s = await signIn(user.access_token);
        await manager.removeUser();
        const target = (user.state as { next?: string } | undefined)?.next;
        navigate(target ?? (s.role === 'citizen' ? '/me' : '/audit'), { replace: true });
      })
      .catch((err: unknown) => setError(err instanceof ApiError ? err : new ApiError(401, 'UNAUTHENTICATED', err instanceof Error ? err.message : String(err))))
      .finally(() => setBusy(false));
  }, [oidc, signIn, navigate]);
  return (
    <div style={{ marginBottom: 16 }}>
      <Button block size="large" type="primary" loading={busy} onClick={() => void oidcManager(oidc).signinRedirect({ state: { next } })}>{t('signIn.oidc')}</Button>
      {error ? <div style={{ marginTop: 12 }}><ErrorAlert error={error} /></div> : null}
    </div>
  );
}
