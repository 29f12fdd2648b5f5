// First: the verifier's zod must never probe for eval, which the CSP refuses (lib/zod-jitless.ts).
import './lib/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import type { ConsoleConfig } from './api/types';
import { initialLanguage, initI18n } from './i18n';
import './styles.css';

/** The per-response nonce the gateway wrote into <meta name="csp-nonce"> (styles Ant Design injects carry it). */
function cspNonce(): string | undefined {
  const v = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  return v && !v.startsWith('__') ? v : undefined;
}

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  await initI18n(initialLanguage());
  let config: ConsoleConfig;
  try {
    const res = await fetch('/console/config.json', { cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    config = (await res.json()) as ConsoleConfig;
  } catch (err) {
    root.render(<p role="alert">GovChain console: /console/config.json could not be read ({String(err)}). Check that the gateway is running.</p>);
    return;
  }
  root.render(
    <StrictMode>
      <App config={config} nonce={cspNonce()} />
    </StrictMode>,
  );
}

void start();
