import { startCa, waitCa } from './ca';
import { startChaincodeServer, waitChaincodeServer } from './chaincode';
import { NetworkError } from './errors';
import { startOrderer, startPeer, waitHealthy } from './nodes';
import { nodeHost, OPS_HOST } from './paths';
import { ManagedProcess } from './processes';
import { allPorts, departments, ordererOrg, Topology } from './topology';
import { Toolchain } from './toolchain';
import { tcpOpen, waitFor } from './wait';

/** What starting a node needs besides the topology. */
export interface NodeContext {
  t: Topology;
  tc: Toolchain;
  /** The installed chaincode package id (the chaincode server is started with it). */
  packageId?: string;
}

/**
 * One long-running node of the network, as data: its name, kind, the ports it binds, how to start it and how to
 * tell that it is ready. Bring-up, restart and the fault helpers all start nodes through this catalogue.
 */
export interface NodeDef {
  name: string;
  kind: ManagedProcess['kind'];
  org: string;
  /** [label, port] pairs, labelled as in allPorts(). */
  ports: Array<[string, number]>;
  start(ctx: NodeContext): ManagedProcess;
  /** Bounded wait until the started node serves (health endpoint, TCP port). */
  ready(ctx: NodeContext, p: ManagedProcess): Promise<void>;
}

const portsWith = (t: Topology, prefix: string) => allPorts(t).filter(([label]) => label.startsWith(prefix));

/** Every node of the topology in start order: CAs, orderers, peers, chaincode server. */
export function nodeCatalogue(t: Topology): NodeDef[] {
  const oo = ordererOrg(t);
  const cas: NodeDef[] = t.orgs.map((org) => ({
    name: `ca.${org.name}`, kind: 'ca', org: org.name, ports: portsWith(t, `${org.name} CA`),
    start: (c) => startCa(c.t, c.tc, org),
    ready: (c) => waitCa(c.t, org),
  }));
  const orderers: NodeDef[] = oo.orderers.map((o) => ({
    name: nodeHost(o.name, oo.name, t.domain), kind: 'orderer', org: oo.name, ports: portsWith(t, `${o.name} `),
    start: (c) => startOrderer(c.t, c.tc, oo, o),
    ready: async (c, p) => {
      await waitHealthy(p);
      // osnadmin needs the admin endpoint, which listens a moment after the health endpoint.
      await waitFor({ node: p.name, condition: `accept admin connections on port ${o.adminPort}`, key: 'ADMIN_NOT_LISTENING', hint: `see its log: ${p.log}` },
        () => tcpOpen(OPS_HOST, o.adminPort), 30_000);
    },
  }));
  const peers: NodeDef[] = departments(t).flatMap((org) => org.peers.map((peer): NodeDef => ({
    name: nodeHost(peer.name, org.name, t.domain), kind: 'peer', org: org.name, ports: portsWith(t, `${peer.name}.${org.name} `),
    start: (c) => startPeer(c.t, c.tc, org, peer),
    ready: (_c, p) => waitHealthy(p),
  })));
  const chaincode: NodeDef = {
    name: 'chaincode', kind: 'chaincode', org: '-', ports: portsWith(t, 'chaincode server'),
    start: (c) => {
      if (!c.packageId) throw new NetworkError('NETWORK_NOT_UP', 'the chaincode package id is not known yet', 'run "npm run network:up"');
      return startChaincodeServer(c.t, c.packageId);
    },
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
