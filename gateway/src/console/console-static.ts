import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import compression from 'compression';
import express, { type Router } from 'express';
import { ApiError } from '../errors/api-error';
import { consoleCsp } from './console-csp';
import type { ConsoleSettings } from './console-settings';

/** The placeholder Vite writes into index.html (`html.cspNonce`); replaced per response. */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';
/** Where the console lives on every gateway. */
export const CONSOLE_PATH = '/console';

/** What the console reads at start: which department serves it and how people sign in. */
export interface ConsoleRuntimeConfig {
  org: string;
  mspId: string;
  tokenSignIn: boolean;
  oidc: ConsoleSettings['oidc'] | null;
  apiBase: string;
  orgs: string[];
  /** What operators' signed messages must name (null when the gateway was not told). */
  ledger: { channel: string; chaincode: string } | null;
}

/**
 * Serves the console's build under /console: hashed assets cached for a year, index.html for every other path (the
 * console routes in the browser) with a fresh CSP nonce, and /console/config.json. A missing build answers 503
 * CONSOLE_NOT_BUILT with the command that builds it.
 */
export function consoleRouter(settings: ConsoleSettings, org: { name: string; mspId: string }): Router {
  const router = express.Router();
  const config: ConsoleRuntimeConfig = { org: org.name, mspId: org.mspId, tokenSignIn: settings.tokenSignIn, oidc: settings.oidc ?? null, apiBase: '/api/v1', orgs: settings.orgs ?? [], ledger: settings.ledger ?? null };
  // The console's scripts compress about 3:1; the API's JSON is left to the deployment's proxy.
  router.use(compression());
  router.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', consoleCsp(res.locals.cspNonce as string, settings.oidc?.authority));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  router.get('/config.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(config);
  });
  router.use('/assets', express.static(resolve(settings.dir, 'assets'), { immutable: true, maxAge: '365d', index: false }), () => {
    throw new ApiError(404, 'ROUTE_NOT_FOUND', 'no such console file');
  });
  router.get('/{*path}', async (req, res) => {
    if (req.path !== '/' && /\.[a-z0-9]+$/i.test(req.path)) throw new ApiError(404, 'ROUTE_NOT_FOUND', 'no such console file');
    let html: string;
    try {
      html = await readFile(resolve(settings.dir, 'index.html'), 'utf8');
    } catch {
      throw new ApiError(503, 'CONSOLE_NOT_BUILT', `the console is not built at ${settings.dir}: run npm run build (or npm run build -w console)`);
    }
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(html.replaceAll(NONCE_PLACEHOLDER, res.locals.cspNonce as string));
  });
  return router;
}
