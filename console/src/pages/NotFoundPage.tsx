import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Any console path that is not a page. */
export default function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return <Result status="404" title={<h1 className="page-title">{t('notFound.title')}</h1>} subTitle={t('notFound.text')} extra={<Button type="primary" onClick={() => navigate('/')}>{t('app.home')}</Button>} />;
}
