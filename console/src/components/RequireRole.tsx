import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../app/console-context';

/** Shows its page only to a session with one of the roles; sends others to sign-in. */
export function RequireRole({ roles, children }: { roles: readonly string[]; children: ReactNode }) {
  const { session } = useConsole();
  const { t } = useTranslation();
  const location = useLocation();
  if (!session) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roles.includes(session.role)) {
    return <Alert type="warning" showIcon title={t('signIn.needRole', { role: roles.map((r) => t(`roles.${r}`)).join(' / ') })} />;
  }
  return <>{children}</>;
}
