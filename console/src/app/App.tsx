import { lazy, Suspense, useEffect, useRef } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ConsoleConfig } from '../api/types';
import { RequireRole } from '../components/RequireRole';
import { AppLayout } from './AppLayout';
import { ConsoleProvider } from './console-context';

const Home = lazy(() => import('../pages/HomePage'));
const SignIn = lazy(() => import('../pages/SignInPage'));
const VerifyWork = lazy(() => import('../pages/VerifyWorkPage'));
const VerifyReceipt = lazy(() => import('../pages/VerifyReceiptPage'));
const AuditSearch = lazy(() => import('../pages/AuditSearchPage'));
const AuditEntry = lazy(() => import('../pages/AuditEntryPage'));
const LeakTrace = lazy(() => import('../pages/LeakTracePage'));
const Anomalies = lazy(() => import('../pages/AnomaliesPage'));
const CitizenLog = lazy(() => import('../pages/CitizenLogPage'));
const CitizenRecords = lazy(() => import('../pages/CitizenRecordsPage'));
const OperatorKey = lazy(() => import('../pages/OperatorKeyPage'));
const RegisterIdentity = lazy(() => import('../pages/RegisterIdentityPage'));
const NotFound = lazy(() => import('../pages/NotFoundPage'));

/** Department operators, who sign their actions in this browser with their own key. */
const OPERATOR_ROLES = ['registrar', 'clerk', 'admin', 'auditor'];

/**
 * Ant Design's default secondary and tertiary text (45% black) misses WCAG AA contrast (4.5:1); these shades pass it
 * on white and on the light table and card backgrounds.
 */
const THEME = {
  token: {
    colorPrimary: '#1f4e9c', colorLink: '#1f4e9c', borderRadius: 6,
    colorTextSecondary: 'rgba(0, 0, 0, 0.7)', colorTextTertiary: 'rgba(0, 0, 0, 0.64)', colorTextDescription: 'rgba(0, 0, 0, 0.64)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.6)', colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
};

/** Moves focus to the main landmark after each navigation, so keyboard and screen-reader users start at the content. */
function FocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    // Not on the first page load: the first Tab should then reach the skip link, as on any page.
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
  return null;
}

/** The console: providers, layout and the page routes. */
export function App({ config, nonce }: { config: ConsoleConfig; nonce: string | undefined }) {
  const { i18n, t } = useTranslation();
  useEffect(() => {
    document.title = t('app.title');
  }, [t, i18n.language]);
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} csp={nonce ? { nonce } : {}} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <ConsoleProvider config={config}>
          <BrowserRouter basename="/console">
            <FocusOnNavigate />
            <AppLayout>
              <Suspense fallback={<div className="view-loading" role="status"><Spin /></div>}>
                <Routes>
                  <Route path="/" element={<Home />} />
                  <Route path="/signin" element={<SignIn />} />
                  <Route path="/verify" element={<VerifyWork />} />
                  <Route path="/verify-receipt" element={<VerifyReceipt />} />
                  <Route path="/audit" element={<RequireRole roles={['auditor']}><AuditSearch /></RequireRole>} />
                  <Route path="/audit/entry/:accessId" element={<RequireRole roles={['auditor']}><AuditEntry /></RequireRole>} />
                  <Route path="/leaks" element={<RequireRole roles={['auditor']}><LeakTrace /></RequireRole>} />
                  <Route path="/anomalies" element={<RequireRole roles={['auditor']}><Anomalies /></RequireRole>} />
                  <Route path="/me" element={<RequireRole roles={['citizen']}><CitizenLog /></RequireRole>} />
                  <Route path="/me/records" element={<RequireRole roles={['citizen']}><CitizenRecords /></RequireRole>} />
                  <Route path="/operator/key" element={<RequireRole roles={OPERATOR_ROLES}><OperatorKey /></RequireRole>} />
                  <Route path="/operator/register" element={<RequireRole roles={['registrar']}><RegisterIdentity /></RequireRole>} />
                  <Route path="*" element={<NotFound />} />
                </Routes>
              </Suspense>
            </AppLayout>
          </BrowserRouter>
        </ConsoleProvider>
      </AntApp>
    </ConfigProvider>
  );
}
