import { useMemo, useState, type ReactNode } from 'react';
import { Button, Drawer, Grid, Layout, Menu, Select, Space, Tag, Typography } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';
import { useConsole } from './console-context';
import { shortKey } from '../lib/format';

/** The navigation a session may use: public pages always, then the pages of its role. */
function useNavItems() {
  const { t } = useTranslation();
  const { session } = useConsole();
  return useMemo(() => {
    const items = [
      { key: '/verify', label: <Link to="/verify">{t('nav.verifyWork')}</Link> },
      { key: '/verify-receipt', label: <Link to="/verify-receipt">{t('nav.verifyReceipt')}</Link> },
    ];
    if (session?.role === 'auditor') {
      items.push(
        { key: '/audit', label: <Link to="/audit">{t('nav.audit')}</Link> },
        { key: '/leaks', label: <Link to="/leaks">{t('nav.leaks')}</Link> },
        { key: '/anomalies', label: <Link to="/anomalies">{t('nav.anomalies')}</Link> },
      );
    }
    if (session?.kind === 'operator') {
      items.push({ key: '/operator/key', label: <Link to="/operator/key">{t('nav.operatorKey')}</Link> });
      if (session.role === 'registrar') items.push({ key: '/operator/register', label: <Link to="/operator/register">{t('nav.register')}</Link> });
    }
    if (session?.kind === 'citizen') {
      items.push({ key: '/me', label: <Link to="/me">{t('nav.myLog')}</Link> }, { key: '/me/records', label: <Link to="/me/records">{t('nav.myRecords')}</Link> });
    }
    return items;
  }, [t, session]);
}

/** Header (title, navigation, language, session), skip link and the main landmark. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { session, signOut, config } = useConsole();
  const navigate = useNavigate();
  const location = useLocation();
  const items = useNavItems();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  const selected = items.map((i) => i.key).filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length).slice(0, 1);
  const menu = <Menu mode={screens.md ? 'horizontal' : 'inline'} selectedKeys={selected} items={items} className="nav-menu" onClick={() => setOpen(false)} />;
  const who = session ? (session.kind === 'citizen' ? shortKey(session.sub) : session.sub) : '';
  return (
    <Layout className="app">
      <a className="skip-link" href="#main">{t('app.skip')}</a>
      <Layout.Header className="app-header">
        <Link to="/" className="brand" aria-label={t('app.home')}>
          <span className="brand-mark" aria-hidden="true">链</span>
          <span className="brand-text">{t('app.title')}</span>
        </Link>
        <nav aria-label={t('nav.main')} className="nav">
          {screens.md ? menu : (
            <>
              <Button type="text" className="nav-toggle" icon={<MenuOutlined />} aria-label={t('nav.main')} aria-expanded={open} onClick={() => setOpen(true)} />
              <Drawer open={open} onClose={() => setOpen(false)} placement="right" title={t('nav.main')} size={280}>{menu}</Drawer>
            </>
          )}
        </nav>
        <Space className="header-tools" size="small" wrap>
          <Select<Language>
            aria-label={t('app.language')}
            size="small"
            value={(LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'zh-CN'}
            onChange={(l) => void setLanguage(l)}
            options={[{ value: 'zh-CN', label: '简体中文' }, { value: 'en', label: 'English' }]}
            popupMatchSelectWidth={false}
          />
          {session ? (
            <>
              <Tag color="blue" title={session.sub} className="session-tag">{t(`roles.${session.role}`)} · {who}</Tag>
              <Button size="small" onClick={() => { signOut(); navigate('/'); }}>{t('app.signOut')}</Button>
            </>
          ) : (
            <Button size="small" type="primary" onClick={() => navigate('/signin')}>{t('app.signIn')}</Button>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} className="app-main">
        {children}
      </Layout.Content>
      <Layout.Footer className="app-footer">
        <Typography.Text type="secondary">{t('app.subtitle')} · {t('app.gateway', { org: t(`orgs.${config.mspId}`, { defaultValue: config.org }) })}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
