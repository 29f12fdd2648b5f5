import { NetworkError } from './errors';
import { nodeHost } from './paths';
import { departments, DepartmentOrg, Org, ordererOrg, Topology } from './topology';

/**
 * Where each node of the topology runs and how the tooling reaches it. One function per question, so the bring-up
 * steps, the node configs, the CLIs and the clients ask the same thing whatever runs the nodes:
 * - driver `native`: processes on this machine; a node's service address is its org's `address` (default the
 *   topology's `host`), its operations and admin endpoints are on loopback;
 * - driver `compose`: one container per node with a fixed address on `containers.subnet`, where the tooling on the
 *   container host reaches its service and operations endpoints alike (the bridge network is the host's only).
 * Which orgs are local (`--org`, GOVCHAIN_ORG) decides which nodes this machine runs: a department's host runs only
 * its own (docs/deployment.md).
 */

/** How the nodes run: processes on this machine, or containers of one compose project. */
export type DriverName = 'native' | 'compose';

/** The driver in use: GOVCHAIN_DRIVER (`native` by default). */
export function driverName(): DriverName {
  const d = process.env.GOVCHAIN_DRIVER ?? 'native';
  if (d !== 'native' && d !== 'compose') throw new NetworkError('INVALID_ARGUMENT', `GOVCHAIN_DRIVER must be native or compose, not "${d}"`, 'unset it, or use --driver native|compose');
  return d;
}

/** Loopback: where native operations (health, metrics) and admin endpoints listen. */
export const LOOPBACK = '127.0.0.1';

/** One long-running node, by the name it has in logs, status, state and TLS certificates, and its org. */
export interface NodeRef {
  name: string;
  kind: 'ca' | 'orderer' | 'peer' | 'chaincode';
  org: string;
}

/** Name of an org's CA node. */
export const caNodeName = (org: Pick<Org, 'name'>): string => `ca.${org.name}`;
/** Name of the chaincode service node. */
export const CHAINCODE_NODE = 'chaincode';

/** The department that hosts the chaincode service and whose CA issues its TLS certificate: the governance org. */
export function chaincodeHostOrg(t: Topology): DepartmentOrg {
  const org = departments(t).find((o) => o.governs);
  if (!org) throw new NetworkError('TOPOLOGY_INVALID', 'the topology has no governance org ("governs": true)');
  return org;
}

/** Every node of the topology in start order: CAs, orderers, peers, the chaincode service. */
export function nodeRefs(t: Topology): NodeRef[] {
  const oo = ordererOrg(t);
  return [
    ...t.orgs.map((o): NodeRef => ({ name: caNodeName(o), kind: 'ca', org: o.name })),
    ...oo.orderers.map((o): NodeRef => ({ name: nodeHost(o.name, oo.name, t.domain), kind: 'orderer', org: oo.name })),
    ...departments(t).flatMap((org) => org.peers.map((p): NodeRef => ({ name: nodeHost(p.name, org.name, t.domain), kind: 'peer', org: org.name }))),
    { name: CHAINCODE_NODE, kind: 'chaincode', org: chaincodeHostOrg(t).name },
  ];
}

function ref(t: Topology, name: string): { node: NodeRef; index: number } {
  const all = nodeRefs(t);
  const index = all.findIndex((n) => n.name === name);
  if (index < 0) throw new NetworkError('NODE_UNKNOWN', `no node "${name}" in the topology`, `one of: ${all.map((n) => n.name).join(', ')}`);
  return { node: all[index]!, index };
}

/** The address of an org's host (its `address`, else the topology's `host`). */
export function orgAddress(t: Topology, orgName: string): string {
  const org = t.orgs.find((o) => o.name === orgName);
  if (!org) throw new NetworkError('NODE_UNKNOWN', `no org "${orgName}" in the topology`);
  return org.address ?? t.host;
}

/** The fixed container address of the node at catalogue position `index` on the compose network. */
export function containerAddress(t: Topology, index: number): string {
  const base = t.containers.subnet.replace(/\.0\/24$/, '');
  return `${base}.${10 + index}`;
}

/** The compose network's gateway: the container host's own address on it (containers reach the host there). */
export function containerGateway(t: Topology): string {
  return `${t.containers.subnet.replace(/\.0\/24$/, '')}.1`;
}

/** Where a node's service endpoints listen and are reached (peers, orderers, CA, chaincode server). */
export function serviceHost(t: Topology, nodeName: string): string {
  const { node, index } = ref(t, nodeName);
  return driverName() === 'compose' ? containerAddress(t, index) : orgAddress(t, node.org);
}

/** Where a node's operations (health, metrics) and admin endpoints listen and are reached. */
export function opsHost(t: Topology, nodeName: string): string {
  return driverName() === 'compose' ? serviceHost(t, nodeName) : LOOPBACK;
}

/** Host and port of a node's service endpoint, as `host:port`. */
export const endpoint = (t: Topology, nodeName: string, port: number): string => `${serviceHost(t, nodeName)}:${port}`;

/** Names the node's TLS certificate must carry: its DNS name, its service address, and loopback for local tools. */
export function certificateHosts(t: Topology, nodeName: string, dnsName: string): string[] {
  return [...new Set([dnsName, serviceHost(t, nodeName), opsHost(t, nodeName), 'localhost', LOOPBACK])];
}

/**
 * The orgs whose nodes this machine runs: GOVCHAIN_ORG (comma-separated names, set by `--org`), else all of them.
 * INVALID_ARGUMENT for a name the topology does not have.
 */
export function localOrgs(t: Topology): Org[] {
  const only = process.env.GOVCHAIN_ORG;
  return only ? orgsNamed(t, only) : t.orgs;
}

/**
 * The orgs a comma-separated list names (by name or MSP id), in topology order. INVALID_ARGUMENT for an empty list or
 * a name the topology does not have; the hint lists the orgs it has.
 */
export function orgsNamed(t: Topology, list: string): Org[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new NetworkError('INVALID_ARGUMENT', '--org needs an org name', `one of: ${t.orgs.map((o) => o.name).join(', ')}`);
  const unknown = names.filter((n) => !t.orgs.some((o) => o.name === n || o.mspId === n));
  if (unknown.length > 0) throw new NetworkError('INVALID_ARGUMENT', `--org: unknown org ${unknown.join(', ')}`, `one of: ${t.orgs.map((o) => o.name).join(', ')}`);
  return t.orgs.filter((o) => names.includes(o.name) || names.includes(o.mspId));
}

/** True when this machine runs the org's nodes. */
export const isLocal = (t: Topology, orgName: string): boolean => localOrgs(t).some((o) => o.name === orgName);

/** True when this machine runs every org (a single-host network: native on one machine, or compose). */
export const runsEverything = (t: Topology): boolean => localOrgs(t).length === t.orgs.length;

/** The local department orgs. */
export const localDepartments = (t: Topology): DepartmentOrg[] => departments(t).filter((o) => isLocal(t, o.name));

/** The local nodes, in start order. */
export const localNodes = (t: Topology): NodeRef[] => nodeRefs(t).filter((n) => isLocal(t, n.org));
