import { caHealthUrl, waitCa } from './ca';
import { waitChaincodeServer } from './chaincode';
import { NetworkError } from './errors';
import { healthUrl, waitHealthy } from './nodes';
import { CHAINCODE_NODE, caNodeName, opsHost, serviceHost } from './placement';
import { nodeHost } from './paths';
import { ManagedProcess } from './processes';
import { allPorts, departments, ordererOrg, Topology } from './topology';
import { Toolchain } from './toolchain';
import { tcpOpen, tlsServing, waitFor } from './wait';

/** What starting a node needs besides the topology. */
export interface NodeContext {
  t: Topology;
  tc: Toolchain;
  /** The installed chaincode package id (the chaincode server is started with it). */
  packageId?: string;
}

/**
 * One long-running node of the network, as data: its name, kind, the ports it binds and where, and how to tell that
 * it is ready. Bring-up, restart and the fault helpers all go through this catalogue; a driver (drivers.ts) starts
 * the node as a process or a container.
 */
export interface NodeDef {
  name: string;
  kind: ManagedProcess['kind'];
  org: string;
  /** [label, port] pairs, labelled as in allPorts(). */
  ports: Array<[string, number]>;
  /** Where the node binds its service ports and its operations/admin ports. */
  hosts: { service: string; ops: string };
  /** The node's health endpoint, if it has one. */
  healthUrl?: string;
  /** The node's main port (status shows it). */
  port: number;
  /** Bounded wait until the started node serves (health endpoint, TCP port). */
  ready(ctx: NodeContext, p: ManagedProcess): Promise<void>;
}

const portsWith = (t: Topology, prefix: string) => allPorts(t).filter(([label]) => label.startsWith(prefix));
const hostsOf = (t: Topology, name: string) => ({ service: serviceHost(t, name), ops: opsHost(t, name) });

/** Every node of the topology in start order: CAs, orderers, peers, chaincode server. */
export function nodeCatalogue(t: Topology): NodeDef[] {
  const oo = ordererOrg(t);
  const cas: NodeDef[] = t.orgs.map((org) => ({
    name: caNodeName(org), kind: 'ca', org: org.name, ports: portsWith(t, `${org.name} CA`), hosts: hostsOf(t, caNodeName(org)),
    port: org.ca.port, healthUrl: caHealthUrl(t, org),
    ready: (c) => waitCa(c.t, org),
  }));
  const orderers: NodeDef[] = oo.orderers.map((o) => {
    const name = nodeHost(o.name, oo.name, t.domain);
    return {
      name, kind: 'orderer', org: oo.name, ports: portsWith(t, `${o.name} `), hosts: hostsOf(t, name), port: o.port, healthUrl: healthUrl(t, name, o.opsPort),
      ready: async (c, p) => {
        await waitHealthy(p);
        // osnadmin needs the admin endpoint, which listens a moment after the health endpoint.
        await waitFor({ node: p.name, condition: `accept admin connections on port ${o.adminPort}`, key: 'ADMIN_NOT_LISTENING', hint: `see its log: ${p.log}` },
          () => tcpOpen(opsHost(c.t, name), o.adminPort), 30_000);
      },
    };
  });
  const peers: NodeDef[] = departments(t).flatMap((org) => org.peers.map((peer): NodeDef => {
    const name = nodeHost(peer.name, org.name, t.domain);
    return {
      name, kind: 'peer', org: org.name, ports: portsWith(t, `${peer.name}.${org.name} `), hosts: hostsOf(t, name), port: peer.port,
      healthUrl: healthUrl(t, name, peer.opsPort),
      ready: async (c, p) => {
        await waitHealthy(p);
        // The operations endpoint answers before the peer serves gRPC (Fabric starts it first, then opens the
        // ledgers and gossip): a peer CLI call right after "healthy" could time out, e.g. the channel join on a
        // department's own host, where nothing else runs in between.
        await waitFor({ node: p.name, condition: `answer TLS handshakes on port ${peer.port}`, key: 'PEER_NOT_SERVING', hint: `see its log: ${p.log}` },
          () => tlsServing(serviceHost(c.t, name), peer.port), 60_000);
      },
    };
  }));
  const chaincode: NodeDef = {
    name: CHAINCODE_NODE, kind: 'chaincode', org: '-', ports: portsWith(t, 'chaincode server'), hosts: hostsOf(t, CHAINCODE_NODE), port: t.chaincode.serverPort,
    ready: (c) => waitChaincodeServer(c.t),
  };
  return [...cas, ...orderers, ...peers, chaincode];
}

/**
 * Finds a node by its full name or a unique leading part of it, case-insensitively: "orderer1",
 * "peer0.publicsecurity", "ca.PublicSecurity", "chaincode". NODE_UNKNOWN lists the names.
 */
export function findNode(t: Topology, name: string): NodeDef {
  const all = nodeCatalogue(t);
  const want = name.toLowerCase();
  const exact = all.filter((n) => n.name.toLowerCase() === want);
  const matches = exact.length > 0 ? exact : all.filter((n) => n.name.toLowerCase().startsWith(`${want}.`));
  if (matches.length === 1) return matches[0]!;
  throw new NetworkError('NODE_UNKNOWN', `${matches.length > 1 ? 'ambiguous' : 'unknown'} node "${name}"`, `one of: ${all.map((n) => n.name).join(', ')}`);
}

/** The packaged chaincode id the chaincode server needs; NETWORK_NOT_UP before the package is installed. */
export function requirePackageId(ctx: NodeContext): string {
  if (!ctx.packageId) throw new NetworkError('NETWORK_NOT_UP', 'the chaincode package id is not known yet', 'run "npm run network:up"');
  return ctx.packageId;
}
