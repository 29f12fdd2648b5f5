import type { ReactNode } from 'react';
import { Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';
import { ErrorAlert } from './ErrorAlert';

/** Loading, error and empty states around a view's content, the same on every page. */
export function ViewState({ loading, error, empty, emptyText, onRetry, children }: {
  loading: boolean; error?: ApiError | undefined; empty?: boolean; emptyText?: string; onRetry?: () => void; children?: ReactNode;
}) {
  const { t } = useTranslation();
  if (error) return <ErrorAlert error={error} {...(onRetry ? { onRetry } : {})} />;
  if (loading) {
    return (
      <div className="view-loading" role="status" aria-live="polite">
        <Spin />
        <span>{t('common.loading')}</span>
      </div>
    );
  }
  if (empty) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('common.empty')} />;
  return <>{children}</>;
}
