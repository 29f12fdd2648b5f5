import { Button, Card, Tag, Typography } from 'antd';
import { AuditOutlined, FileProtectOutlined, FileSearchOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Start page: what each kind of visitor can do here. */
export default function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cards = [
    { icon: <FileSearchOutlined aria-hidden />, title: t('nav.verifyWork'), text: t('home.verifyWorkText'), to: '/verify', action: t('home.open'), open: true },
    { icon: <FileProtectOutlined aria-hidden />, title: t('nav.verifyReceipt'), text: t('home.receiptText'), to: '/verify-receipt', action: t('home.open'), open: true },
    { icon: <AuditOutlined aria-hidden />, title: t('home.officerTitle'), text: t('home.officerText'), to: '/signin?next=%2Faudit', action: t('app.signIn') },
    { icon: <UserOutlined aria-hidden />, title: t('home.citizenTitle'), text: t('home.citizenText'), to: '/signin?next=%2Fme', action: t('app.signIn') },
  ];
  return (
    <>
      <Typography.Title level={1} className="page-title">{t('app.title')}</Typography.Title>
      <Typography.Paragraph className="page-lead">{t('home.lead')}</Typography.Paragraph>
      <div className="cards">
        {cards.map((c) => (
          <Card key={c.to} title={<span>{c.icon} {c.title}</span>} extra={'open' in c ? <Tag color="blue">{t('home.publicTitle')}</Tag> : null}>
            <Typography.Paragraph>{c.text}</Typography.Paragraph>
            <Button type="primary" onClick={() => navigate(c.to)}>{c.action}</Button>
          </Card>
        ))}
      </div>
    </>
  );
}
