import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ConnectionProfile, OrgProfile } from '@govchain/connection';
import { consoleProblems } from '../console/console-settings';
import { ConfigError } from './config-error';
import { readConnectionProfile } from './connection-profile';
import { departmentAudience, ENV_NAMES, flagName, OPS_PORT_OFFSET, rawConfigSchema, type ParsedConfig, type RawConfig } from './schema';

/** Stable key of the configuration error when a production gateway is asked to hold operators' keys. */
export const DEV_OPERATOR_KEYS_REFUSED = 'DEV_OPERATOR_KEYS_REFUSED';

/** Where JWT verification keys come from. */
export type JwtKeySource =
  | { kind: 'file'; path: string }
  | { kind: 'jwks'; url: string }
  | { kind: 'dev'; publicKeyPath: string; privateKeyPath: string };

/** The validated gateway configuration: parsed once at start, then passed down explicitly. */
export interface GatewayConfig extends Omit<ParsedConfig, 'jwtPublicKeyFile' | 'jwtJwksUrl' | 'port' | 'opsPort' | 'jwtAudience'> {
  port: number;
  /** Port of the operations listener (default: API port + 6000). */
  opsPort: number;
  /** Audience tokens must name (default: `govchain-gateway:<org>`). */
  jwtAudience: string;
  /** The department this gateway serves (its entry in the connection profile). */
  department: OrgProfile;
  /** The network as the connection profile describes it: channel, chaincode, policy, every department, trust anchors. */
  profile: ConnectionProfile;
  jwtKeys: JwtKeySource;
}

/**
 * Paths of the development JWT key pair (generated on demand, never committed): in `secrets/` beside the
 * connection profile, i.e. in the development network's data folder.
 */
export function devJwtKeyPaths(connectionProfile: string): { publicKeyPath: string; privateKeyPath: string } {
  const dir = resolve(dirname(connectionProfile), 'secrets');
  return { publicKeyPath: resolve(dir, 'jwt-dev-public.pem'), privateKeyPath: resolve(dir, 'jwt-dev-private.pem') };
}

/** Reads `--flag value` / `--flag=value` pairs for the known fields. */
export function flagsToRaw(argv: readonly string[]): Partial<Record<keyof RawConfig, string>> {
  const out: Partial<Record<keyof RawConfig, string>> = {};
  const fields = Object.keys(ENV_NAMES) as Array<keyof RawConfig>;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const field = fields.find((f) => flagName(f) === flag);
    if (!field) {
      if (arg.startsWith('--')) throw new ConfigError('invalid gateway configuration', [`unknown flag ${flag}`]);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError('invalid gateway configuration', [`${flag} needs a value`]);
    out[field] = value;
  }
  return out;
}

/** Reads the known GOVCHAIN_* variables from an environment. */
export function envToRaw(env: NodeJS.ProcessEnv): Partial<Record<keyof RawConfig, string>> {
  const out: Partial<Record<keyof RawConfig, string>> = {};
  for (const [field, name] of Object.entries(ENV_NAMES) as Array<[keyof RawConfig, string]>) {
    const v = env[name];
    if (v !== undefined && v !== '') out[field] = v;
  }
  return out;
}

/**
 * Parses and validates the configuration from env and flags (flags win), against the connection profile it names.
 * Throws ConfigError (key CONFIG_INVALID) with one clear line per bad value.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = []): GatewayConfig {
  const raw = { ...envToRaw(env), ...flagsToRaw(argv) };
  const parsed = rawConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const field = String(i.path[0] ?? '');
      const where = field in ENV_NAMES ? `${ENV_NAMES[field as keyof RawConfig]} (${flagName(field)})` : field || '(config)';
      return `${where}: ${i.message}`;
    });
    throw new ConfigError('invalid gateway configuration', lines);
  }
  const c = parsed.data;
  const profile = readConnectionProfile(c.connectionProfile);
  const deps = profile.orgs;
  const department = deps.find((d) => d.name === c.org || d.mspId === c.org);
  const problems: string[] = [];
  if (!department) {
    problems.push(`${ENV_NAMES.org} (--org): "${c.org}" is not a department org; expected one of ${deps.map((d) => d.name).join(', ')}`);
  }
  if (c.jwtPublicKeyFile && c.jwtJwksUrl) {
    problems.push(`${ENV_NAMES.jwtPublicKeyFile} and ${ENV_NAMES.jwtJwksUrl}: set only one`);
  }
  if (c.jwtPublicKeyFile && !existsSync(c.jwtPublicKeyFile)) {
    problems.push(`${ENV_NAMES.jwtPublicKeyFile}: no file at ${c.jwtPublicKeyFile}`);
  }
  if (c.production && !c.jwtPublicKeyFile && !c.jwtJwksUrl) {
    problems.push(`${ENV_NAMES.jwtPublicKeyFile} or ${ENV_NAMES.jwtJwksUrl}: required when ${ENV_NAMES.production}=true (dev keys are refused)`);
  }
  if (c.production && c.devOperatorKeys) {
    // Stable key first: deployment tooling greps for it.
    problems.push(`${DEV_OPERATOR_KEYS_REFUSED}: ${ENV_NAMES.devOperatorKeys} (--dev-operator-keys) must be false when ${ENV_NAMES.production}=true: a production gateway holds no operator's private key`);
  }
  if (c.production && c.jwtJwksUrl && !c.jwtJwksUrl.startsWith('https:')) {
    problems.push(`${ENV_NAMES.jwtJwksUrl}: must be https when ${ENV_NAMES.production}=true`);
  }
  problems.push(...consoleProblems(c));
  if (problems.length > 0 || !department) throw new ConfigError('invalid gateway configuration', problems);
  const jwtKeys: JwtKeySource = c.jwtPublicKeyFile
    ? { kind: 'file', path: c.jwtPublicKeyFile }
    : c.jwtJwksUrl
      ? { kind: 'jwks', url: c.jwtJwksUrl }
      : { kind: 'dev', ...devJwtKeyPaths(c.connectionProfile) };
  const { jwtPublicKeyFile: _f, jwtJwksUrl: _u, port, opsPort, jwtAudience, ...rest } = c;
  const apiPort = port ?? department.gatewayPort;
  const ops = opsPort ?? apiPort + OPS_PORT_OFFSET;
  if (ops === apiPort || ops > 65535) {
    throw new ConfigError('invalid gateway configuration', [`${ENV_NAMES.opsPort} (--ops-port): ${ops} must differ from the API port ${apiPort} and be at most 65535`]);
  }
  return { ...rest, port: apiPort, opsPort: ops, jwtAudience: jwtAudience ?? departmentAudience(department.name), department, profile, jwtKeys };
}
