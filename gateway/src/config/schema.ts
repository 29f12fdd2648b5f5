import { z } from 'zod';

const positiveInt = (what: string) => z.coerce.number({ error: `${what} must be a number` }).int(`${what} must be an integer`).positive(`${what} must be positive`);

/** JWT algorithms the gateway accepts; asymmetric only, so the gateway never holds a signing secret. */
export const JWT_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'PS256'] as const;

/** The default JWT audience of a department's gateway, e.g. `govchain-gateway:PublicSecurity`. */
export function departmentAudience(org: string): string {
  return `govchain-gateway:${org}`;
}

/** Distance of the default operations port from the API port (3001 -> 9001). */
export const OPS_PORT_OFFSET = 6000;

/** The raw (string) configuration inputs, after env and flags are merged. */
export const rawConfigSchema = z.strictObject({
  /** The connection profile of the network (the launcher writes it): the peers, CAs and trust anchors this gateway uses. */
  connectionProfile: z
    .string({ error: 'connection profile is required (GOVCHAIN_CONNECTION_PROFILE or --connection-profile)' })
    .min(1, 'connection profile is required (GOVCHAIN_CONNECTION_PROFILE or --connection-profile)'),
  /** The department this gateway serves: its name or MSP id in the connection profile. */
  org: z.string({ error: 'org is required (GOVCHAIN_GATEWAY_ORG or --org)' }).min(1, 'org is required (GOVCHAIN_GATEWAY_ORG or --org)'),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number({ error: 'port must be a number' }).int().min(1, 'port must be 1-65535').max(65535, 'port must be 1-65535').optional(),
  jwtAlgorithms: z
    .string()
    .default('ES256')
    .transform((s) => s.split(',').map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(z.enum(JWT_ALGORITHMS, { error: `jwt algorithms must be among ${JWT_ALGORITHMS.join(', ')}` })).min(1)),
  jwtIssuer: z.string().min(1).default('govchain-dev'),
  /** Default: {@link departmentAudience} of this gateway's org, so a token for one department is refused by another. */
  jwtAudience: z.string().min(1).optional(),
  jwtMaxLifetimeOperatorSec: positiveInt('operator token lifetime').max(86400, 'operator token lifetime must be at most 86400 s').default(8 * 3600),
  jwtMaxLifetimeCitizenSec: positiveInt('citizen token lifetime').max(86400, 'citizen token lifetime must be at most 86400 s').default(3600),
  jwtPublicKeyFile: z.string().min(1).optional(),
  jwtJwksUrl: z.url({ protocol: /^https?$/, error: 'jwt JWKS URL must be an http(s) URL' }).optional(),
  jwtClockToleranceSec: z.coerce.number().int().min(0).max(300).default(5),
  corsOrigins: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.url({ error: 'each CORS origin must be a URL such as https://portal.example' }))),
  rateLimitPerMinute: positiveInt('rate limit').default(600),
  /** Each identity lookup route (verify, subject key) has its own per-operator limit: a lookup is a disclosure. */
  lookupRateLimitPerMinute: positiveInt('lookup rate limit').default(30),
  /** Per client IP, before authentication: bounds what anonymous and badly authenticated traffic can cost. */
  ipRateLimitPerMinute: positiveInt('per-IP rate limit').default(1200),
  /** How long /ready reuses its last answer, so anonymous callers cannot drive chaincode evaluations. */
  readyCacheMs: positiveInt('ready cache').default(5000),
  /** Operations listener (/metrics, /live, /ready): loopback by default, never the API port. */
  opsHost: z.string().min(1).default('127.0.0.1'),
  opsPort: z.coerce.number({ error: 'ops port must be a number' }).int().min(1, 'ops port must be 1-65535').max(65535, 'ops port must be 1-65535').optional(),
  bodyLimit: z.string().regex(/^\d+(b|kb|mb)$/, 'body limit must look like 64kb or 1mb').default('64kb'),
  shutdownTimeoutMs: positiveInt('shutdown timeout').default(10000),
  citizenOperator: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'service operator must be an operator id').default('auditor1'),
  maxRetries: z.coerce.number().int().min(0).max(10).default(3),
  retryBaseMs: positiveInt('retry base').default(100),
  endorseTimeoutMs: positiveInt('endorse timeout').default(15000),
  evaluateTimeoutMs: positiveInt('evaluate timeout').default(5000),
  submitTimeoutMs: positiveInt('submit timeout').default(5000),
  commitTimeoutMs: positiveInt('commit timeout').default(60000),
  receiptInlineBytes: z.coerce.number({ error: 'receipt inline bytes must be a number' }).int().min(1024, 'receipt inline bytes must be at least 1024').default(4 * 1024 * 1024),
  publicUrl: z.url({ protocol: /^https?$/, error: 'public URL must be an http(s) URL such as https://copyright.gov.example' }).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Development only: the gateway may load operators' private keys from the users directory and sign for them.
   * Off by default; then it loads only the service identity's key and operators sign in their own client.
   */
  devOperatorKeys: z
    .enum(['true', 'false'], { error: 'dev operator keys must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  /** How long one client-signing step waits for the client's signature (at most 10 min). */
  signingStepTimeoutMs: positiveInt('signing step timeout').max(600_000, 'signing step timeout must be at most 600000 ms').default(60_000),
  production: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  // The web console (gateway/src/console): where its build is, and how people sign in to it.
  consoleDir: z.string().min(1).optional(),
  consoleTokenSignIn: z.enum(['true', 'false'], { error: 'console token sign-in must be true or false' }).optional(),
  consoleOidcAuthority: z.url({ protocol: /^https?$/, error: 'console OIDC authority must be an http(s) URL' }).optional(),
  consoleOidcClientId: z.string().min(1).optional(),
  consoleOidcScope: z.string().min(1).default('openid'),
  publicRateLimitPerMinute: positiveInt('public rate limit').default(60),
});

/** Raw configuration input, all strings (or absent). */
export type RawConfig = z.input<typeof rawConfigSchema>;
/** Parsed configuration values. */
export type ParsedConfig = z.output<typeof rawConfigSchema>;

/** Environment variable for each configuration field. */
export const ENV_NAMES: Readonly<Record<keyof RawConfig, string>> = {
  connectionProfile: 'GOVCHAIN_CONNECTION_PROFILE',
  org: 'GOVCHAIN_GATEWAY_ORG',
  host: 'GOVCHAIN_GATEWAY_HOST',
  port: 'GOVCHAIN_GATEWAY_PORT',
  jwtAlgorithms: 'GOVCHAIN_JWT_ALGORITHMS',
  jwtIssuer: 'GOVCHAIN_JWT_ISSUER',
  jwtAudience: 'GOVCHAIN_JWT_AUDIENCE',
  jwtMaxLifetimeOperatorSec: 'GOVCHAIN_JWT_MAX_LIFETIME_OPERATOR_SEC',
  jwtMaxLifetimeCitizenSec: 'GOVCHAIN_JWT_MAX_LIFETIME_CITIZEN_SEC',
  jwtPublicKeyFile: 'GOVCHAIN_JWT_PUBLIC_KEY_FILE',
  jwtJwksUrl: 'GOVCHAIN_JWT_JWKS_URL',
  jwtClockToleranceSec: 'GOVCHAIN_JWT_CLOCK_TOLERANCE_SEC',
  corsOrigins: 'GOVCHAIN_CORS_ORIGINS',
  rateLimitPerMinute: 'GOVCHAIN_RATE_LIMIT_PER_MINUTE',
  lookupRateLimitPerMinute: 'GOVCHAIN_LOOKUP_RATE_LIMIT_PER_MINUTE',
  ipRateLimitPerMinute: 'GOVCHAIN_IP_RATE_LIMIT_PER_MINUTE',
  readyCacheMs: 'GOVCHAIN_READY_CACHE_MS',
  opsHost: 'GOVCHAIN_OPS_HOST',
  opsPort: 'GOVCHAIN_OPS_PORT',
  bodyLimit: 'GOVCHAIN_BODY_LIMIT',
  shutdownTimeoutMs: 'GOVCHAIN_SHUTDOWN_TIMEOUT_MS',
  citizenOperator: 'GOVCHAIN_SERVICE_OPERATOR',
  maxRetries: 'GOVCHAIN_MAX_RETRIES',
  retryBaseMs: 'GOVCHAIN_RETRY_BASE_MS',
  endorseTimeoutMs: 'GOVCHAIN_ENDORSE_TIMEOUT_MS',
  evaluateTimeoutMs: 'GOVCHAIN_EVALUATE_TIMEOUT_MS',
  submitTimeoutMs: 'GOVCHAIN_SUBMIT_TIMEOUT_MS',
  commitTimeoutMs: 'GOVCHAIN_COMMIT_TIMEOUT_MS',
  publicUrl: 'GOVCHAIN_PUBLIC_URL',
  receiptInlineBytes: 'GOVCHAIN_RECEIPT_INLINE_BYTES',
  logLevel: 'GOVCHAIN_LOG_LEVEL',
  devOperatorKeys: 'GOVCHAIN_DEV_OPERATOR_KEYS',
  signingStepTimeoutMs: 'GOVCHAIN_SIGNING_STEP_TIMEOUT_MS',
  production: 'GOVCHAIN_PRODUCTION',
  consoleDir: 'GOVCHAIN_CONSOLE_DIR',
  consoleTokenSignIn: 'GOVCHAIN_CONSOLE_TOKEN_SIGN_IN',
  consoleOidcAuthority: 'GOVCHAIN_CONSOLE_OIDC_AUTHORITY',
  consoleOidcClientId: 'GOVCHAIN_CONSOLE_OIDC_CLIENT_ID',
  consoleOidcScope: 'GOVCHAIN_CONSOLE_OIDC_SCOPE',
  publicRateLimitPerMinute: 'GOVCHAIN_PUBLIC_RATE_LIMIT_PER_MINUTE',
};

/** Command-line flag for each field (kebab case), e.g. --org, --port, --jwt-issuer. */
export function flagName(field: string): string {
  return `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
