import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NetworkError } from './errors';
import { orgsNamed } from './placement';
import { Topology } from './topology';

/** What `network:up` was asked for beyond the default (every org on this machine). */
export interface UpArgs {
  /** The orgs whose nodes this host runs (`--org`, comma-separated names or MSP ids), as topology names. */
  orgs?: string[];
  /** Where public bundles and the genesis block are exchanged with the other hosts (`--exchange`). */
  exchange?: string;
}

const HINT = 'usage: network:up [--org <org>[,<org>]] [--exchange <dir>]';

/**
 * Parses the flags of `up`. INVALID_ARGUMENT for an unknown flag, a stray argument, an empty value or an org the
 * topology does not have (the message lists the orgs it has), before anything is started or written.
 */
export function parseUpArgs(argv: string[], t: Topology): UpArgs {
  let values: { org?: string; exchange?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: { org: { type: 'string' }, exchange: { type: 'string' } }, strict: true, allowPositionals: true }));
  } catch (err) {
    throw new NetworkError('INVALID_ARGUMENT', `up: ${(err as Error).message}`, HINT);
  }
  if (positionals.length > 0) throw new NetworkError('INVALID_ARGUMENT', `up takes no arguments, only flags (got ${positionals.join(' ')})`, HINT);
  const out: UpArgs = {};
  if (values.org !== undefined) out.orgs = orgsNamed(t, values.org).map((o) => o.name);
  if (values.exchange !== undefined) {
    if (values.exchange.trim() === '') throw new NetworkError('INVALID_ARGUMENT', '--exchange needs a directory', HINT);
    out.exchange = resolve(values.exchange);
  }
  return out;
}

/**
 * The environment the bring-up steps read for these arguments: GOVCHAIN_ORG (placement.ts: which nodes run here)
 * and GOVCHAIN_EXCHANGE (bundles.ts). Flags win over variables already set.
 */
export function upEnvironment(args: UpArgs): Record<string, string> {
  return {
    ...(args.orgs ? { GOVCHAIN_ORG: args.orgs.join(',') } : {}),
    ...(args.exchange ? { GOVCHAIN_EXCHANGE: args.exchange } : {}),
  };
}
