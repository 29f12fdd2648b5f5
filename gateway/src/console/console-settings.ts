import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENV_NAMES, type ParsedConfig } from '../config/schema';

/** How the gateway serves the web console and how people sign in to it. */
export interface ConsoleSettings {
  /** The console's build (index.html and assets/). */
  dir: string;
  /** Whether the development sign-in page that takes a pasted token is offered (off by default in production). */
  tokenSignIn: boolean;
  /** The department's OpenID Connect provider, when the console signs in through it. */
  oidc?: { authority: string; clientId: string; scope: string };
  /** MSP ids of the departments on the channel (the console's department filter). */
  orgs?: string[];
  /** Channel and chaincode every message the console signs must name (its client checks them before signing). */
  ledger?: { channel: string; chaincode: string };
}

/** Where `npm run build` puts the console, seen from gateway/dist/console. */
export const DEFAULT_CONSOLE_DIR = resolve(__dirname, '..', '..', '..', 'console', 'dist');

type ConsoleConfig = Pick<ParsedConfig, 'consoleDir' | 'consoleTokenSignIn' | 'consoleOidcAuthority' | 'consoleOidcClientId' | 'consoleOidcScope' | 'production'>;

/** Configuration mistakes of the console settings, one line each (empty when fine). */
export function consoleProblems(c: ConsoleConfig): string[] {
  const problems: string[] = [];
  if (!!c.consoleOidcAuthority !== !!c.consoleOidcClientId) {
    problems.push(`${ENV_NAMES.consoleOidcAuthority} and ${ENV_NAMES.consoleOidcClientId}: set both or neither`);
  }
  if (c.production && c.consoleOidcAuthority && !c.consoleOidcAuthority.startsWith('https:')) {
    problems.push(`${ENV_NAMES.consoleOidcAuthority}: must be https when ${ENV_NAMES.production}=true`);
  }
  if (c.consoleDir && !existsSync(resolve(c.consoleDir, 'index.html'))) {
    problems.push(`${ENV_NAMES.consoleDir}: no index.html in ${c.consoleDir} (build the console with npm run build)`);
  }
  return problems;
}

/** The console settings of a parsed configuration. */
export function consoleSettingsOf(c: ConsoleConfig, orgs: string[] = [], ledger?: ConsoleSettings['ledger']): ConsoleSettings {
  return {
    orgs,
    ...(ledger ? { ledger } : {}),
    dir: c.consoleDir ?? DEFAULT_CONSOLE_DIR,
    tokenSignIn: c.consoleTokenSignIn ? c.consoleTokenSignIn === 'true' : !c.production,
    ...(c.consoleOidcAuthority && c.consoleOidcClientId ? { oidc: { authority: c.consoleOidcAuthority, clientId: c.consoleOidcClientId, scope: c.consoleOidcScope } } : {}),
  };
}
