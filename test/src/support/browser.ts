import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); GOVCHAIN_CHROMIUM overrides. */
export const CHROMIUM = process.env.GOVCHAIN_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Flags this machine needs: headless as root, and no background networking, which the closed network here refuses
 * connection by connection.
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** A browser with a fresh, empty profile; close() also removes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Chromium through playwright-core with a fresh user-data dir, or fails saying how to install it. */
export async function launchChromium(opts: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`CHROMIUM_MISSING: no browser at ${CHROMIUM}; install it with: apt-get install -y chromium (or set GOVCHAIN_CHROMIUM)`);
  const profile = mkdtempSync(join(tmpdir(), 'govchain-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: opts.viewport ?? { width: 1366, height: 900 },
    locale: opts.locale ?? 'zh-CN',
    timeout: 60_000,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
