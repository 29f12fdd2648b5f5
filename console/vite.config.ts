import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** Placeholder the gateway replaces with a fresh nonce in every index.html response (gateway/src/console). */
const NONCE_PLACEHOLDER = '__CSP_NONCE__';
const gateway = process.env.GOVCHAIN_CONSOLE_GATEWAY ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  html: { cspNonce: NONCE_PLACEHOLDER },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The polyfill would be an inline script; every browser the console supports has modulepreload.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
  server: { proxy: { '/api': gateway, '/console/config.json': gateway } },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    css: false,
    // Ant Design forms render slowly in jsdom on a loaded 2-core machine.
    testTimeout: 20_000,
  },
});
