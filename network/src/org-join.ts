import { parseArgs } from 'node:util';
import { z } from 'zod';
import { majority } from './config-signatures';
import { NetworkError } from './errors';
import { departments, DepartmentOrg, Topology, topologyPath } from './topology';

/**
 * The pure rules of a department joining a live channel (org:add, org:sign): the flags, which org joins, and
 * whether the collected signatures are enough. No Fabric call here, so every rule has a unit test.
 */

const ADD_USAGE = 'usage: npm run org:add -- --org <name> [--prepare]';
const SIGN_USAGE = 'usage: npm run org:sign -- --org <joining org> --as <signing org>';

const addSchema = z.strictObject({ org: z.string().min(1, 'required'), prepare: z.boolean().optional() });
const signSchema = z.strictObject({ org: z.string().min(1, 'required'), as: z.string().min(1, 'required') });

/** Parses argv against a node:util option table and a schema; INVALID_ARGUMENT naming each bad flag. */
function parseFlags<S extends z.ZodType>(argv: string[], options: Record<string, { type: 'string' | 'boolean' }>, schema: S, usage: string): z.infer<S> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new NetworkError('INVALID_ARGUMENT', (err as Error).message, usage);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`);
    throw new NetworkError('INVALID_ARGUMENT', details.join('; '), usage, details);
  }
  return parsed.data;
}

/** `--org <name> [--prepare]` of org:add. */
export const parseAddFlags = (argv: string[]) => parseFlags(argv, { org: { type: 'string' }, prepare: { type: 'boolean' } }, addSchema, ADD_USAGE);

/** `--org <joining org> --as <signing org>` of org:sign. */
export const parseSignFlags = (argv: string[]) => parseFlags(argv, { org: { type: 'string' }, as: { type: 'string' } }, signSchema, SIGN_USAGE);

/** The department of the topology named `name` (its name or MSP id); ORG_UNKNOWN otherwise. */
export function topologyDepartment(t: Topology, name: string): DepartmentOrg {
  const org = t.orgs.find((o) => o.name === name || o.mspId === name);
  if (!org) {
    throw new NetworkError('ORG_UNKNOWN', `no org "${name}" in the topology ${topologyPath()}`,
      'add the department to the topology (name, mspId, ca, peers, gatewayPort, operators) and point GOVCHAIN_TOPOLOGY at it, then run org:add again');
  }
  if (org.kind !== 'department') throw new NetworkError('ORG_UNKNOWN', `${org.name} is the orderer org; only a department joins the channel`, `one of: ${departments(t).map((o) => o.name).join(', ')}`);
  return org;
}

/**
 * Checks that `joining` may join a channel whose application orgs are `members`: it is not one of them yet, every
 * member is in the topology (the topology in use is the running network's plus the new org), and no other
 * department of the topology is missing from the channel (one org joins at a time). Returns the existing members'
 * departments, in topology order.
 */
export function checkJoin(t: Topology, joining: DepartmentOrg, members: string[]): DepartmentOrg[] {
  if (members.includes(joining.mspId)) {
    throw new NetworkError('ORG_IN_CHANNEL', `${joining.name} (${joining.mspId}) is already an org of channel ${t.channel}`, 'nothing to add; see its peer with: npm run network:status');
  }
  const known = new Set(departments(t).map((o) => o.mspId));
  const absent = members.filter((m) => !known.has(m));
  if (absent.length > 0) {
    throw new NetworkError('TOPOLOGY_MISSING_ORG', `channel ${t.channel} has org(s) ${absent.join(', ')} that the topology ${topologyPath()} lacks`,
      'use the topology the network runs with, plus the new department (GOVCHAIN_TOPOLOGY)', { absent });
  }
  const pending = departments(t).filter((o) => o !== joining && !members.includes(o.mspId));
  if (pending.length > 0) {
    throw new NetworkError('TOPOLOGY_MISSING_ORG', `the topology has more than one department outside channel ${t.channel}: ${[joining, ...pending].map((o) => o.name).join(', ')}`,
      'add one department at a time: remove the others from the topology until this one has joined', { pending: pending.map((o) => o.name) });
  }
  return departments(t).filter((o) => members.includes(o.mspId));
}

/**
 * The distinct channel members among the signers of an update; SIGNATURES_MISSING, naming who may still sign, when
 * they are fewer than a majority of `members` (the channel's `MAJORITY Admins` policy for a new application org).
 */
export function enoughSigners(members: DepartmentOrg[], signerMsps: string[]): string[] {
  const signed = [...new Set(signerMsps)].filter((m) => members.some((o) => o.mspId === m));
  const need = majority(members.length);
  if (signed.length < need) {
    const others = members.filter((o) => !signed.includes(o.mspId)).map((o) => o.name);
    throw new NetworkError('SIGNATURES_MISSING', `the update has ${signed.length} of the ${need} admin signatures it needs (a majority of ${members.length} orgs)`,
      `collect ${need - signed.length} more: npm run org:sign -- --org <joining org> --as <one of ${others.join(', ')}> on that org's host, and copy the .sig file here`);
  }
  return signed;
}

/** The topology with the chaincode definition's sequence set to the next one after `committed`. */
export function nextDefinition(t: Topology, committed: number): Topology {
  return { ...t, chaincode: { ...t.chaincode, sequence: committed + 1 } };
}
