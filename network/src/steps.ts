import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { issueOrgIdentities } from './ca';
import { NodeContext, NodeDef } from './catalogue';
import { packageChaincode } from './chaincode';
import { chaincodeTls } from './chaincode-tls';
import { createGenesisBlock, joinOrderers, joinPeers, ordererHasChannel, waitOrderersActive } from './channel';
import { waitCrossOrgDiscovery } from './discovery';
import { ledgerHeights, ledgerNodes, waitCaughtUp, waitPeersLevel } from './heights';
import { chaincodeCommitted, defineChaincode, installChaincode } from './lifecycle';
import { paths } from './paths';
import { assertFree } from './ports';
import { ManagedProcess, NetworkState, recordProcess, running } from './processes';
import { loadConnectionProfile } from './profile';
import { writeConnectionProfile } from './profile-writer';
import { waitRaftLeader } from './raft';
import { governanceSeeded, seedGovernance } from './seed';
import { departments, ordererOrg } from './topology';

/** What the bring-up steps share: the node context, the state being recorded and the node catalogue. */
export interface UpContext extends NodeContext {
  log: (s: string) => void;
  state: NetworkState;
  catalogue: NodeDef[];
}

/**
 * One step of bring-up. A step with `exists` creates something that outlives the processes (identities, channel,
 * chaincode definition, governance record): it is skipped when that already exists, which is what turns `up` on a
 * stopped or crashed network into a restart. Every other step runs every time and is cheap when nothing is to do.
 * `run` may return a short detail for the progress line.
 */
export interface Step {
  id: string;
  label: string;
  exists?: (ctx: UpContext) => Promise<boolean>;
  run: (ctx: UpContext) => Promise<string | void>;
}

/** The record of a node in the state, if any. */
const recorded = (ctx: UpContext, name: string): ManagedProcess | undefined => ctx.state.processes.find((p) => p.name === name);

/**
 * Starts the catalogue's nodes of the given kinds that are not running (a node still running from before is kept),
 * then waits, bounded, until each is ready. Ports of the nodes to start must be free.
 */
async function startNodes(ctx: UpContext, kinds: Array<ManagedProcess['kind']>): Promise<string> {
  const defs = ctx.catalogue.filter((n) => kinds.includes(n.kind));
  const toStart = defs.filter((d) => {
    const p = recorded(ctx, d.name);
    return !(p && running(p));
  });
  await assertFree(ctx.t.host, toStart.flatMap((d) => d.ports), 10_000);
  for (const d of toStart) recordProcess(ctx.state, d.start(ctx));
  await Promise.all(defs.map((d) => d.ready(ctx, recorded(ctx, d.name)!)));
  const kept = defs.length - toStart.length;
  return `${toStart.length} started${kept ? `, ${kept} already running` : ''}`;
}

/**
 * True when every identity issueOrgIdentities writes is on disk: nodes' MSP and TLS, org MSP, admin, operators, and
 * the chaincode server's TLS certificate.
 */
function identitiesExist(ctx: UpContext): boolean {
  const { t } = ctx;
  return existsSync(chaincodeTls.cert()) && t.orgs.every((org) => {
    const nodes = org.kind === 'orderer' ? org.orderers.map((o) => o.name) : org.peers.map((p) => p.name);
    const operators = org.kind === 'department' ? org.operators.map((o) => join(paths.user(org.name, o.id), 'role')) : [];
    return [
      ...nodes.flatMap((n) => [join(paths.node(org.name, n), 'msp', 'signcerts'), join(paths.node(org.name, n), 'tls', 'server.crt')]),
      join(paths.orgMsp(org.name), 'config.yaml'), join(paths.user(org.name, 'Admin'), 'msp', 'keystore', 'key.pem'), ...operators,
    ].every((f) => existsSync(f));
  });
}

/** The greatest block height any orderer reports. */
async function ordererHeight(ctx: UpContext): Promise<number> {
  return Math.max(0, ...Object.values(await ledgerHeights(ctx.t, ledgerNodes(ctx.t).filter((n) => n.kind === 'orderer'))));
}

/** Bring-up as data: `up` runs these in order, on a new network and on a stopped or crashed one alike. */
export const BRING_UP: readonly Step[] = [
  { id: 'cas', label: 'Fabric CAs running', run: (c) => startNodes(c, ['ca']) },
  {
    id: 'identities', label: 'identities issued (nodes, admins, operators with role attributes)',
    exists: async (c) => identitiesExist(c),
    run: async (c) => void (await Promise.all(c.t.orgs.map((o) => issueOrgIdentities(c.t, c.tc, o)))),
  },
  { id: 'genesis', label: 'genesis block created', exists: async () => existsSync(paths.genesisBlock()), run: (c) => createGenesisBlock(c.t, c.tc) },
  { id: 'nodes', label: 'orderers and peers running', run: (c) => startNodes(c, ['orderer', 'peer']) },
  {
    id: 'orderers-join', label: 'orderers joined the channel',
    exists: async (c) => (await Promise.all(ordererOrg(c.t).orderers.map((o) => ordererHasChannel(c.t, c.tc, o.adminPort)))).every(Boolean),
    run: async (c) => `${await joinOrderers(c.t, c.tc)} joined`,
  },
  { id: 'orderers-serve', label: 'every orderer serves the channel (deliveries)', run: (c) => waitOrderersActive(c.t, c.tc) },
  {
    id: 'raft-leader', label: 'Raft leader elected and known to every orderer (transactions)',
    run: async (c) => `leader ${(await waitRaftLeader(c.t)).find((v) => v.isLeader)?.orderer ?? '?'}`,
  },
  {
    id: 'peers-join', label: 'peers joined the channel',
    exists: async (c) => Object.keys(await ledgerHeights(c.t, ledgerNodes(c.t).filter((n) => n.kind === 'peer'))).length === departments(c.t).reduce((k, o) => k + o.peers.length, 0),
    run: async (c) => `${await joinPeers(c.t, c.tc)} joined`,
  },
  {
    id: 'peers-catch-up', label: "peers caught up with the orderers' ledger",
    run: async (c) => `height ${await waitCaughtUp(c.t, ledgerNodes(c.t).filter((n) => n.kind === 'peer'), { target: await ordererHeight(c) })}`,
  },
  {
    id: 'chaincode-install', label: 'chaincode package installed',
    run: async (c) => {
      c.packageId = await installChaincode(c.t, c.tc, await packageChaincode(c.t), c.log);
      c.state.packageId = c.packageId;
    },
  },
  { id: 'chaincode-server', label: 'chaincode server running', run: (c) => startNodes(c, ['chaincode']) },
  {
    id: 'chaincode-define', label: 'chaincode defined on the channel',
    exists: async (c) => (await Promise.all(departments(c.t).map((o) => chaincodeCommitted(c.t, c.tc, o)))).every(Boolean),
    run: (c) => defineChaincode(c.t, c.tc, c.packageId!, c.log),
  },
  { id: 'profile', label: 'connection profile written', run: async (c) => void writeConnectionProfile(c.t) },
  {
    id: 'discovery', label: 'every peer reaches the chaincode and every other department (gossip)',
    run: () => waitCrossOrgDiscovery(loadConnectionProfile()),
  },
  { id: 'governance', label: 'governance seeded from the topology', exists: (c) => governanceSeeded(c.t, c.tc), run: (c) => seedGovernance(c.t, c.tc, c.log) },
  { id: 'peers-level', label: 'every peer at the same height', run: async (c) => `height ${await waitPeersLevel(c.t, await ordererHeight(c))}` },
];
