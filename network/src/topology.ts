import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RECORD_TYPES, ROLES } from '@govchain/chaincode';
import { z } from 'zod';
import { NetworkError } from './errors';
import { applyOverlay, overlayFromEnv } from './overlay';

const port = z.number().int().min(1024).max(65535);
const name = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,30}$/, 'letters and digits, starting with a letter');
const duration = z.string().regex(/^\d+(ms|s)$/, 'a duration such as 250ms or 2s');

const operatorSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'lower-case letters, digits and dashes'),
  role: z.enum(ROLES),
});

const peerSchema = z.strictObject({ name, port, chaincodePort: port, opsPort: port });
const ordererSchema = z.strictObject({ name, port, adminPort: port, opsPort: port });
const caSchema = z.strictObject({ port, opsPort: port });
/**
 * The address of the host an org's nodes run on (IPv4 or DNS name): its nodes listen and advertise there and their
 * TLS certificates carry it. Omitted: the topology's `host` (every org on one machine).
 */
const address = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/, 'an IPv4 address or a DNS name').optional();
const subnet = z.string().regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0\/24$/, 'an IPv4 /24 such as 10.203.15.0/24');

const ordererOrgSchema = z.strictObject({
  name,
  mspId: name,
  kind: z.literal('orderer'),
  address,
  ca: caSchema,
  orderers: z.array(ordererSchema).min(1),
});

const departmentOrgSchema = z.strictObject({
  name,
  mspId: name,
  kind: z.literal('department'),
  address,
  governs: z.boolean().optional(),
  /** The org's investigators may issue sealing orders (seeded into the governance config's sealingOrgs). */
  seals: z.boolean().optional(),
  registers: z.array(z.enum(RECORD_TYPES)),
  ca: caSchema,
  peers: z.array(peerSchema).min(1),
  gatewayPort: port,
  operators: z.array(operatorSchema).min(1),
});

/** Zod schema of network/topology.json. */
export const topologySchema = z
  .strictObject({
    $comment: z.string().optional(),
    name,
    domain: z.string().regex(/^[a-z0-9.-]+$/),
    host: z.string().min(1),
    channel: z.string().regex(/^[a-z][a-z0-9.-]{0,48}$/),
    fabricVersion: z.string(),
    caVersion: z.string(),
    ordering: z.strictObject({
      batchTimeout: duration,
      maxMessageCount: z.number().int().min(1).max(10000),
      absoluteMaxBytes: z.string(),
      preferredMaxBytes: z.string(),
    }),
    /** FABRIC_LOGGING_SPEC per node kind (and the chaincode server's level); per-transaction INFO lines cost CPU. */
    logging: z.strictObject({
      peer: z.string().regex(/^[a-z:=.,_]+$/),
      orderer: z.string().regex(/^[a-z:=.,_]+$/),
      chaincode: z.enum(['debug', 'info', 'warning', 'error']),
    }).default({ peer: 'info:gossip=warn:grpc=warn', orderer: 'info', chaincode: 'info' }),
    /**
     * The native (single-host) network only, not the compose file: GOMAXPROCS for every Fabric node. Eight Go nodes
     * sharing a small host spend CPU in scheduler spinning; 1 cut CPU per transaction ~10 % here (docs/performance.md).
     * null = the Go default (all cores).
     */
    native: z.strictObject({
      goMaxProcs: z.number().int().min(1).max(1024).nullable(),
      /** Node processes serving the chaincode (one event loop serves every peer's endorsements when 1). */
      chaincodeWorkers: z.number().int().min(1).max(64).default(1),
    }).default({ goMaxProcs: null, chaincodeWorkers: 1 }),
    /**
     * Fabric's own peer knobs, written into every peer's core.yaml (native and compose peers read it); see
     * network/src/peer-tuning.ts and docs/performance.md (tuning log). Defaults are Fabric's sampleconfig values.
     * limits: concurrent requests per service on each peer (gatewayService refuses beyond it: "exceeding concurrency
     * limit"); validatorPoolSize: goroutines validating a block's transactions (0 = the number of CPUs).
     */
    peer: z.strictObject({
      limits: z.strictObject({
        gatewayService: z.number().int().min(1).max(100_000),
        endorserService: z.number().int().min(1).max(100_000),
        deliverService: z.number().int().min(1).max(100_000),
      }),
      validatorPoolSize: z.number().int().min(0).max(1024),
    }).default({ limits: { gatewayService: 500, endorserService: 2500, deliverService: 2500 }, validatorPoolSize: 0 }),
    /**
     * The container (compose) deployment: every node is a container with a fixed address on this /24 of its own
     * bridge network, in catalogue order from .10; nothing is published on the host's ports.
     */
    containers: z.strictObject({ subnet }).default({ subnet: '10.203.15.0/24' }),
    chaincode: z.strictObject({
      name: z.string().regex(/^[a-z][a-z0-9_-]*$/),
      version: z.string(),
      sequence: z.number().int().min(1),
      label: z.string().regex(/^[A-Za-z0-9_.+-]+$/),
      serverPort: port,
      endorsement: z.strictObject({ outOf: z.number().int().min(1) }),
    }),
    orgs: z.array(z.discriminatedUnion('kind', [ordererOrgSchema, departmentOrgSchema])).min(2),
  })
  .superRefine((t, ctx) => {
    const departments = t.orgs.filter((o) => o.kind === 'department');
    if (t.orgs.filter((o) => o.kind === 'orderer').length !== 1) {
      ctx.addIssue({ code: 'custom', message: 'exactly one orderer org is required', path: ['orgs'] });
    }
    if (departments.filter((o) => o.governs).length !== 1) {
      ctx.addIssue({ code: 'custom', message: 'exactly one department org must have "governs": true', path: ['orgs'] });
    }
    if (t.chaincode.endorsement.outOf < 2 || t.chaincode.endorsement.outOf > departments.length) {
      ctx.addIssue({
        code: 'custom',
        message: `chaincode.endorsement.outOf must be between 2 and ${departments.length} so no department endorses alone`,
        path: ['chaincode', 'endorsement', 'outOf'],
      });
    }
    const seen = new Map<number, string>();
    for (const [where, p] of allPorts(t)) {
      const other = seen.get(p);
      if (other) ctx.addIssue({ code: 'custom', message: `port ${p} is used by both ${other} and ${where}`, path: ['orgs'] });
      seen.set(p, where);
    }
    for (const o of departments) {
      if (!o.seals && o.operators.some((op) => op.role === 'investigator')) {
        ctx.addIssue({ code: 'custom', message: `${o.name} has an investigator but may not seal: set "seals": true or remove the operator`, path: ['orgs'] });
      }
    }
    const names = t.orgs.map((o) => o.name.toLowerCase());
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', message: 'org names must be unique', path: ['orgs'] });
  });

export type Topology = z.infer<typeof topologySchema>;
export type Org = Topology['orgs'][number];
export type OrdererOrg = z.infer<typeof ordererOrgSchema>;
export type DepartmentOrg = z.infer<typeof departmentOrgSchema>;
export type Operator = z.infer<typeof operatorSchema>;
export type RecordType = DepartmentOrg['registers'][number];

/** Every port the topology binds, labelled with the node that binds it. */
export function allPorts(t: Pick<Topology, 'orgs' | 'chaincode'>): Array<[string, number]> {
  const out: Array<[string, number]> = [['chaincode server', t.chaincode.serverPort]];
  for (const org of t.orgs) {
    out.push([`${org.name} CA`, org.ca.port], [`${org.name} CA operations`, org.ca.opsPort]);
    if (org.kind === 'orderer') {
      for (const o of org.orderers) {
        out.push([`${o.name} listen`, o.port], [`${o.name} admin`, o.adminPort], [`${o.name} operations`, o.opsPort]);
      }
    } else {
      out.push([`${org.name} gateway`, org.gatewayPort]);
      for (const p of org.peers) {
        const id = `${p.name}.${org.name}`;
        out.push([`${id} listen`, p.port], [`${id} chaincode`, p.chaincodePort], [`${id} operations`, p.opsPort]);
      }
    }
  }
  return out;
}

/** A missing or invalid topology: NetworkError TOPOLOGY_INVALID with one line per problem in `details`. */
function topologyInvalid(message: string, details: string[] = []): NetworkError {
  return new NetworkError('TOPOLOGY_INVALID', message, 'fix network/topology.json (or the file GOVCHAIN_TOPOLOGY names)', details);
}

/** Directory of the network package (holds topology.json and .data/). */
export const networkDir = resolve(__dirname, '..');

/** Path of the topology in use: GOVCHAIN_TOPOLOGY or network/topology.json. */
export function topologyPath(): string {
  return resolve(process.env.GOVCHAIN_TOPOLOGY ?? resolve(networkDir, 'topology.json'));
}

/** Reads and validates a topology file (with the hosts overlay GOVCHAIN_TOPOLOGY_OVERLAY names, if any); throws TOPOLOGY_INVALID with one line per problem. */
export function loadTopology(path = topologyPath()): Topology {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw topologyInvalid(`cannot read topology ${path}: ${(err as Error).message}`);
  }
  // A hosts overlay (GOVCHAIN_TOPOLOGY_OVERLAY) spreads the orgs over hosts; the result is validated like the file.
  const overlay = overlayFromEnv();
  if (overlay) raw = applyOverlay(raw, overlay);
  const parsed = topologySchema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw topologyInvalid(`topology ${path} is invalid:\n  ${details.join('\n  ')}`, details);
  }
  return parsed.data;
}

/** The department orgs (those with peers), in topology order. */
export function departments(t: Topology): DepartmentOrg[] {
  return t.orgs.filter((o): o is DepartmentOrg => o.kind === 'department');
}

/** The single orderer org. */
export function ordererOrg(t: Topology): OrdererOrg {
  const org = t.orgs.find((o): o is OrdererOrg => o.kind === 'orderer');
  if (!org) throw topologyInvalid('topology has no orderer org');
  return org;
}


/** Environment for a native Fabric node process: this process's environment plus the topology's Go runtime setting. */
export function nodeEnv(t: Topology, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (t.native.goMaxProcs !== null) env.GOMAXPROCS = String(t.native.goMaxProcs);
  return env;
}
