import { Alert, Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';

/** The next step for an error key (a known key's own advice, else the general one). */
export function nextStepKey(key: string, known: Record<string, unknown>): string {
  return key in known ? `error.steps.${key}` : 'error.steps.default';
}

/** An API error as people need it: the stable key, the gateway's message and what to do next. */
export function ErrorAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const steps = i18n.getResource(i18n.language, 'translation', 'error.steps') as Record<string, unknown> | undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('error.title', { key: error.key })}
      description={
        <Space orientation="vertical" size={4}>
          <Typography.Text>{error.message}</Typography.Text>
          <Typography.Text strong>
            {t('error.next')}: {t(nextStepKey(error.key, steps ?? {}))}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('error.key')}: <code data-testid="error-key">{error.key}</code>
            {error.txId ? ` · tx ${error.txId}` : ''}
          </Typography.Text>
        </Space>
      }
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
