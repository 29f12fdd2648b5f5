import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { NetworkError } from './errors';

/**
 * A hosts overlay: how one topology is spread over several machines, as data beside the topology rather than a
 * second copy of it (`network/hosts/*.json`, named by GOVCHAIN_TOPOLOGY_OVERLAY). It may
 * - keep only some orgs (`only`: a reduced network, e.g. for a test on one machine), and
 * - give each org the address of its host (`orgs.<Org>.address`), which its nodes listen and advertise on and its
 *   TLS certificates carry (placement.ts).
 * `subnet` documents the private network the addresses belong to (the multi-host test creates it). loadTopology
 * applies the overlay before validating, so every reader (CLI, gateways, tests) sees the same network.
 */
const overlaySchema = z.strictObject({
  $comment: z.string().optional(),
  subnet: z.string().regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0\/24$/, 'an IPv4 /24 such as 10.77.0.0/24').optional(),
  only: z.array(z.string().min(1)).min(2).optional(),
  orgs: z.record(z.string(), z.strictObject({ address: z.string().min(1) })),
});

/** A parsed hosts overlay. */
export type HostsOverlay = z.infer<typeof overlaySchema>;

const invalid = (message: string, details: string[] = []) =>
  new NetworkError('TOPOLOGY_INVALID', message, 'fix the overlay file GOVCHAIN_TOPOLOGY_OVERLAY names', details);

/** Validates an overlay's shape; TOPOLOGY_INVALID with one line per problem. */
export function parseOverlay(raw: unknown, source = 'overlay'): HostsOverlay {
  const parsed = overlaySchema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw invalid(`${source} is invalid:\n  ${details.join('\n  ')}`, details);
  }
  return parsed.data;
}

/** Reads and validates an overlay file. */
export function readOverlay(path: string): HostsOverlay {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(path), 'utf8'));
  } catch (err) {
    throw invalid(`cannot read topology overlay ${path}: ${(err as Error).message}`);
  }
  return parseOverlay(raw, `topology overlay ${path}`);
}

interface RawOrg {
  name: string;
  [field: string]: unknown;
}

/**
 * Applies an overlay to a raw (not yet validated) topology and returns a new one: the orgs `only` names, in topology
 * order, each with the overlay's fields. TOPOLOGY_INVALID when the overlay names an org the topology lacks, so a typo
 * never silently leaves an org on the default host. The result is validated by the topology schema as usual.
 */
export function applyOverlay(raw: unknown, overlay: HostsOverlay): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  // A topology that is no object, or whose orgs are no list of objects, is left as it is: its own validation then
  // names what is wrong (TOPOLOGY_INVALID), instead of a TypeError here or a misleading "unknown org".
  if (!isObject(raw) || !Array.isArray(raw.orgs) || !raw.orgs.every(isObject)) return raw;
  const topo = raw as { orgs: RawOrg[] };
  const orgs = topo.orgs;
  const names = new Set(orgs.map((o) => o.name));
  const unknown = [...(overlay.only ?? []), ...Object.keys(overlay.orgs)].filter((n) => !names.has(n));
  if (unknown.length > 0) throw invalid(`the topology overlay names orgs the topology does not have: ${[...new Set(unknown)].join(', ')}`, [`one of: ${[...names].join(', ')}`]);
  const kept = overlay.only ? orgs.filter((o) => overlay.only!.includes(o.name)) : orgs;
  return { ...topo, orgs: kept.map((o) => ({ ...o, ...(overlay.orgs[o.name] ?? {}) })) };
}

/** The overlay GOVCHAIN_TOPOLOGY_OVERLAY names, if any. */
export function overlayFromEnv(): HostsOverlay | undefined {
  const path = process.env.GOVCHAIN_TOPOLOGY_OVERLAY;
  return path ? readOverlay(path) : undefined;
}
