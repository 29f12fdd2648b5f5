import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { createApp, type AppDeps, type AppSettings } from '../src/app';
import { createJwtVerifier } from '../src/auth/jwt-verifier';
import { staticKeyResolver } from '../src/auth/key-resolver';
import type { IdentityStore, OperatorIdentity } from '../src/fabric/identity-store';
import { createLogger } from '../src/observability/logger';
import { createMetrics } from '../src/observability/metrics';
import { answerClientErrors } from '../src/http/client-errors';
import type { RouteSpec } from '../src/http/route-spec';
import type { Services } from '../src/services/services';
import { FakeLedger } from './fake-ledger';

/** Issuer and audience the test verifier expects. */
export const TEST_ISSUER = 'govchain-test';
export const TEST_AUDIENCE = 'govchain-gateway:PublicSecurity';
/** Lifetime bounds of the test verifier (the gateway's defaults: 8 h operators, 1 h citizens). */
export const TEST_MAX_LIFETIME = { operatorSec: 8 * 3600, citizenSec: 3600 };

/** A started test app over a FakeLedger. */
export interface TestApp {
  url: string;
  /** The services behind the app (health counters). */
  services: Services;
  ledger: FakeLedger;
  privateKey: KeyObject;
  token(claims: { sub: string; org?: string; role: string }, opts?: jwt.SignOptions): string;
  close(): Promise<void>;
}

/** Enrolled operators of the fake identity store: id -> role. */
export const TEST_OPERATORS: Record<string, string | undefined> = { registrar1: 'registrar', clerk1: 'clerk', auditor1: 'auditor', admin1: 'admin', investigator1: 'investigator', norole1: undefined };

function fakeIdentities(privateKey: KeyObject): IdentityStore {
  return {
    find: (id) => (id in TEST_OPERATORS ? ({ operatorId: id, mspId: 'PublicSecurityMSP', role: TEST_OPERATORS[id], certificate: Buffer.from(''), privateKey } as OperatorIdentity) : undefined),
  };
}

/** Starts the real app (real middleware and routes) over a FakeLedger on an ephemeral port. */
export async function startTestApp(overrides: Partial<AppSettings> = {}, routes?: RouteSpec[], deps: Partial<Pick<AppDeps, 'identities' | 'orgCa' | 'enrolment'>> = {}): Promise<TestApp> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ledger = new FakeLedger();
  const settings: AppSettings = {
    org: { name: 'PublicSecurity', mspId: 'PublicSecurityMSP' },
    registrars: { identity: 'PublicSecurityMSP', property: 'NaturalResourcesMSP', business: 'MarketRegulationMSP', copyright: 'CopyrightOfficeMSP' },
    corsOrigins: ['https://portal.example'],
    rateLimitPerMinute: 1000,
    ipRateLimitPerMinute: 100_000,
    bodyLimit: '16kb',
    serviceOperator: 'auditor1',
    sseHeartbeatMs: 60_000,
    ...overrides,
  };
  const { app, services } = createApp({
    settings,
    ledger,
    identities: fakeIdentities(privateKey),
    verifyToken: createJwtVerifier({ algorithms: ['ES256'], issuer: TEST_ISSUER, audience: TEST_AUDIENCE, clockToleranceSec: 0, maxLifetime: TEST_MAX_LIFETIME, keys: staticKeyResolver(publicKey.export({ type: 'spki', format: 'pem' })) }),
    logger: createLogger('silent'),
    metrics: createMetrics(false),
    ...(routes ? { routes } : {}),
    ...deps,
  });
  const server = answerClientErrors(app.listen(0, '127.0.0.1'));
  await new Promise<void>((r) => server.once('listening', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    services,
    ledger,
    privateKey,
    token: (claims, opts = {}) =>
      jwt.sign({ org: claims.org ?? 'PublicSecurity', role: claims.role }, privateKey, {
        algorithm: 'ES256', subject: claims.sub, issuer: TEST_ISSUER, audience: TEST_AUDIENCE, expiresIn: 300, ...opts,
      }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
