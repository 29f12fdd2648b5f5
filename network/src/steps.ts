import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { caFingerprint, crossHostWaitMs, exportBundles, exportGenesis, genesisDigest, importBundles, importGenesis } from './bundles';
import { issueOrgIdentities } from './ca';
import { NodeContext, NodeDef } from './catalogue';
import { packageChaincode } from './chaincode';
import { chaincodeTls } from './chaincode-tls';
import { createGenesisBlock, joinOrderers, joinPeers, ordererHasChannel, waitOrderersActive } from './channel';
import { waitCrossOrgDiscovery } from './discovery';
import { driver } from './drivers';
import { ledgerHeights, ledgerNodes, waitCaughtUp, waitPeersLevel } from './heights';
import { chaincodeCommitted, defineChaincode, installChaincode } from './lifecycle';
import { paths } from './paths';
import { chaincodeHostOrg, isLocal, localDepartments, localOrgs, runsEverything } from './placement';
import { assertNodesFree } from './ports';
import { ManagedProcess, NetworkState, recordProcess } from './processes';
import { loadConnectionProfile } from './profile';
import { writeConnectionProfile } from './profile-writer';
import { waitRaftLeader } from './raft';
import { governanceSeeded, seedGovernance } from './seed';
import { ordererOrg } from './topology';
import { waitFor } from './wait';

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

/** The catalogue's nodes of the given kinds that this machine runs (all on a single host; its own on an org's host). */
const localDefs = (ctx: UpContext, kinds: Array<ManagedProcess['kind']>) =>
  ctx.catalogue.filter((n) => kinds.includes(n.kind) && isLocal(ctx.t, n.kind === 'chaincode' ? chaincodeHostOrg(ctx.t).name : n.org));

/**
 * Starts the local catalogue nodes of the given kinds that are not running (a node still running from before is
 * kept) through the driver, then waits, bounded, until each is ready. Ports of the nodes to start must be free.
 */
async function startNodes(ctx: UpContext, kinds: Array<ManagedProcess['kind']>): Promise<string> {
  const defs = localDefs(ctx, kinds);
  if (defs.length === 0) return 'none on this host';
  const toStart = defs.filter((d) => {
    const p = recorded(ctx, d.name);
    return !(p && driver().running(p));
  });
  await assertNodesFree(toStart, 10_000);
  for (const p of await driver().start(ctx, toStart)) recordProcess(ctx.state, p);
  await Promise.all(defs.map((d) => d.ready(ctx, recorded(ctx, d.name)!)));
  const kept = defs.length - toStart.length;
  return `${toStart.length} started${kept ? `, ${kept} already running` : ''}`;
}

/** Runs a step's work only on the host of the orderer org (orderer joins, Raft). */
const onOrdererHost = (ctx: UpContext, run: () => Promise<string | void>): Promise<string | void> =>
  isLocal(ctx.t, ordererOrg(ctx.t).name) ? run() : Promise.resolve('the orderers run on another host');

/** Runs a step's work only on a host with peers (not on the orderer org's own host: it has no peer to act through). */
const onPeerHost = (ctx: UpContext, run: () => Promise<string | void>): Promise<string | void> =>
  localDepartments(ctx.t).length > 0 ? run() : Promise.resolve('no peers on this host');

/**
 * True when every identity issueOrgIdentities writes is on disk: nodes' MSP and TLS, org MSP, admin, operators, and
 * the chaincode server's TLS certificate.
 */
function identitiesExist(ctx: UpContext): boolean {
  const { t } = ctx;
  const ccTls = !isLocal(t, chaincodeHostOrg(t).name) || existsSync(chaincodeTls.cert());
  return ccTls && localOrgs(t).every((org) => {
    const nodes = org.kind === 'orderer' ? org.orderers.map((o) => o.name) : org.peers.map((p) => p.name);
    const operators = org.kind === 'department' ? org.operators.map((o) => join(paths.user(org.name, o.id), 'role')) : [];
    return [
      ...nodes.flatMap((n) => [join(paths.node(org.name, n), 'msp', 'signcerts'), join(paths.node(org.name, n), 'tls', 'server.crt')]),
      join(paths.orgMsp(org.name), 'config.yaml'), join(paths.user(org.name, 'Admin'), 'msp', 'keystore', 'key.pem'), ...operators,
    ].every((f) => existsSync(f));
  });
}

/** The greatest block height any local orderer reports (0 on a host without orderers). */
async function ordererHeight(ctx: UpContext): Promise<number> {
  return Math.max(0, ...Object.values(await ledgerHeights(ctx.t, ledgerNodes(ctx.t).filter((n) => n.kind === 'orderer'))));
}

/** Bring-up as data: `up` runs these in order, on a new network and on a stopped or crashed one alike. */
export const BRING_UP: readonly Step[] = [
  { id: 'cas', label: 'Fabric CAs running', run: (c) => startNodes(c, ['ca']) },
  {
    id: 'identities', label: 'identities issued (nodes, admins, operators with role attributes)',
    exists: async (c) => identitiesExist(c),
    run: async (c) => void (await Promise.all(localOrgs(c.t).map((o) => issueOrgIdentities(c.t, c.tc, o)))),
  },
  {
    id: 'bundles', label: "public bundles exchanged (MSP and TLS root certificates, consenters' TLS certificates, endpoints)",
    run: async (c) => {
      const out = exportBundles(c.t);
      const got = await importBundles(c.t);
      // Bundles are not authenticated: each side prints the CA fingerprints, for the operators to compare out of band.
      if (!runsEverything(c.t)) for (const name of out) c.log(`[network] ${name}'s CA certificate: SHA-256 ${caFingerprint(name)} (give it to the other departments with the bundle)`);
      for (const name of got) c.log(`[network] imported ${name}'s CA certificate: SHA-256 ${caFingerprint(name)} (compare with what ${name}'s operators gave you)`);
      return `exported ${out.join(', ')}${got.length ? `; imported ${got.join(', ')}` : ''}`;
    },
  },
  {
    id: 'genesis', label: 'genesis block created', exists: async () => existsSync(paths.genesisBlock()),
    run: async (c) => {
      if (!isLocal(c.t, ordererOrg(c.t).name)) {
        await importGenesis(c.t);
        return `imported; SHA-256 ${genesisDigest()} (compare with what the orderer host printed)`;
      }
      await createGenesisBlock(c.t, c.tc);
      exportGenesis();
      return `SHA-256 ${genesisDigest()}`;
    },
  },
  { id: 'nodes', label: 'orderers and peers running', run: (c) => startNodes(c, ['orderer', 'peer']) },
  {
    id: 'orderers-join', label: 'orderers joined the channel',
    exists: async (c) => isLocal(c.t, ordererOrg(c.t).name) && (await Promise.all(ordererOrg(c.t).orderers.map((o) => ordererHasChannel(c.t, c.tc, o.adminPort)))).every(Boolean),
    run: (c) => onOrdererHost(c, async () => `${await joinOrderers(c.t, c.tc)} joined`),
  },
  { id: 'orderers-serve', label: 'every orderer serves the channel (deliveries)', run: (c) => onOrdererHost(c, () => waitOrderersActive(c.t, c.tc)) },
  {
    id: 'raft-leader', label: 'Raft leader elected and known to every orderer (transactions)',
    run: (c) => onOrdererHost(c, async () => `leader ${(await waitRaftLeader(c.t)).find((v) => v.isLeader)?.orderer ?? '?'}`),
  },
  {
    id: 'peers-join', label: 'peers joined the channel',
    exists: async (c) => Object.keys(await ledgerHeights(c.t, ledgerNodes(c.t).filter((n) => n.kind === 'peer'))).length === localDepartments(c.t).reduce((k, o) => k + o.peers.length, 0),
    run: async (c) => `${await joinPeers(c.t, c.tc)} joined`,
  },
  {
    id: 'peers-catch-up', label: "peers caught up with the orderers' ledger",
    run: async (c) => `height ${await waitCaughtUp(c.t, ledgerNodes(c.t).filter((n) => n.kind === 'peer'), { target: Math.max(1, await ordererHeight(c)) })}`,
  },
  {
    id: 'chaincode-install', label: 'chaincode package installed',
    run: (c) => onPeerHost(c, async () => {
      c.packageId = await installChaincode(c.t, c.tc, await packageChaincode(c.t), c.log);
      c.state.packageId = c.packageId;
    }),
  },
  { id: 'chaincode-server', label: 'chaincode server running', run: (c) => startNodes(c, ['chaincode']) },
  {
    id: 'chaincode-define', label: 'chaincode defined on the channel',
    exists: async (c) => (await Promise.all(localDepartments(c.t).map((o) => chaincodeCommitted(c.t, c.tc, o)))).every(Boolean),
    run: (c) => defineChaincode(c.t, c.tc, c.packageId!, c.log),
  },
  { id: 'profile', label: 'connection profile written', run: async (c) => void writeConnectionProfile(c.t) },
  {
    id: 'discovery', label: 'every peer reaches the chaincode and every other department (gossip)',
    run: (c) => onPeerHost(c, async () => {
      const profile = loadConnectionProfile();
      await waitCrossOrgDiscovery(profile, profile.orgs.filter((o) => isLocal(c.t, o.name)));
    }),
  },
  {
    id: 'governance', label: 'governance seeded from the topology', exists: (c) => governanceSeeded(c.t, c.tc),
    run: (c) => onPeerHost(c, async () => {
      if (isLocal(c.t, chaincodeHostOrg(c.t).name)) return seedGovernance(c.t, c.tc, c.log);
      await waitFor({ node: chaincodeHostOrg(c.t).name, condition: 'seed governance (Governance:GetConfig answers on this host\'s peer)', key: 'GOVERNANCE_NOT_SEEDED' },
        () => governanceSeeded(c.t, c.tc), crossHostWaitMs());
      return 'seeded by the governance host';
    }),
  },
  { id: 'peers-level', label: 'every peer at the same height', run: (c) => onPeerHost(c, async () => `height ${await waitPeersLevel(c.t, await ordererHeight(c))}`) },
];
