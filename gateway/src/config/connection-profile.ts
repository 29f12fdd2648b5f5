import { existsSync, readFileSync } from 'node:fs';
import { RECORD_TYPES, ROLES } from '@govchain/chaincode';
import type { ConnectionProfile } from '@govchain/connection';
import { parsePolicy } from '@govchain/verifier';
import { z } from 'zod';
import { ConfigError } from './config-error';

const text = z.string().min(1);
const port = z.number().int().min(1).max(65535);

/**
 * The shape of a connection profile, checked field by field: the launcher writes it, but another deployment may
 * write it by hand, and a wrong type (a port as a string, a missing `registers`) must be a configuration error
 * naming the field, never a crash or a gateway listening on the wrong port.
 */
const profileSchema = z.object({
  channel: z.string().regex(/^[a-z][a-z0-9.-]{0,48}$/, 'a channel name'),
  chaincode: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a chaincode name'),
  endorsementPolicy: text,
  createdAt: z.string(),
  orgs: z.array(z.object({
    name: text,
    mspId: text,
    peerEndpoint: z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port'),
    peerHostAlias: text,
    tlsRootCertPath: text,
    caUrl: z.url({ protocol: /^https$/, error: 'an https URL' }),
    caName: text,
    caTlsCertPath: text,
    caCertPath: text,
    gatewayPort: port,
    governs: z.boolean(),
    registers: z.array(z.enum(RECORD_TYPES)),
    usersDir: text,
    operators: z.array(z.object({ id: text, role: z.enum(ROLES), certPath: text, keyPath: text })),
  })).min(1),
  trustAnchors: z.array(z.object({ mspId: text, caCertPath: text })),
});

/** The problems of a parsed profile beyond its shape: duplicates, two registrars for one record type, a policy the verifier cannot read. */
function crossChecks(p: z.infer<typeof profileSchema>): string[] {
  const out: string[] = [];
  for (const key of ['name', 'mspId'] as const) {
    const seen = p.orgs.map((o) => o[key]);
    const dup = seen.filter((v, i) => seen.indexOf(v) !== i);
    if (dup.length > 0) out.push(`orgs: ${key} ${[...new Set(dup)].join(', ')} appears more than once`);
  }
  for (const type of RECORD_TYPES) {
    const registrars = p.orgs.filter((o) => o.registers.includes(type)).map((o) => o.name);
    if (registrars.length > 1) out.push(`orgs: record type ${type} has more than one registrar (${registrars.join(', ')})`);
  }
  try {
    parsePolicy(p.endorsementPolicy);
  } catch (err) {
    out.push(`endorsementPolicy: ${(err as Error).message}`);
  }
  return out;
}

/**
 * Reads the connection profile the gateway is configured with. A missing file, one that is no JSON, or one whose
 * fields are missing or of the wrong type (a profile written by an older launcher, or by hand) is a configuration
 * error naming the file and every bad field.
 */
export function readConnectionProfile(path: string): ConnectionProfile {
  const next = 'bring the network up ("npm run network:up") or point it at the department\'s profile';
  const bad = (why: string, fields: string[] = []): ConfigError =>
    new ConfigError('invalid gateway configuration', [`GOVCHAIN_CONNECTION_PROFILE (--connection-profile): ${why}; ${next}`, ...fields.map((f) => `  ${f}`)]);
  if (!existsSync(path)) throw bad(`no connection profile at ${path}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw bad(`${path} is not JSON`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad(`${path} is not a JSON object`);
  const record = raw as Record<string, unknown>;
  const missing: string[] = (['channel', 'chaincode', 'endorsementPolicy'] as const).filter((k) => typeof record[k] !== 'string');
  for (const list of ['orgs', 'trustAnchors'] as const) if (!Array.isArray(record[list])) missing.push(list);
  if (missing.length > 0) throw bad(`${path} lacks ${missing.join(', ')}`);
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) throw bad(`${path} is invalid`, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  const problems = crossChecks(parsed.data);
  if (problems.length > 0) throw bad(`${path} is invalid`, problems);
  return raw as ConnectionProfile;
}
