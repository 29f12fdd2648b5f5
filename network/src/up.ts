import { mkdirSync } from 'node:fs';
import { startCa, waitCa, issueOrgIdentities } from './ca';
import { createGenesisBlock, joinOrderers, joinPeers, waitOrderersActive } from './channel';
import { waitRaftLeader } from './raft';
import { defineChaincode, deployChaincode, packageChaincode, startChaincodeServer, waitChaincodeServer } from './chaincode';
import { NetworkError } from './errors';
import { startOrderer, startPeer, waitHealthy } from './nodes';
import { paths } from './paths';
import { assertPortsFree } from './ports';
import { ManagedProcess, NetworkState, readState, writeState } from './processes';
import { writeConnectionProfile } from './profile-writer';
import { collectStatus, formatTable } from './status';
import { departments, loadTopology, ordererOrg, Topology, topologyPath } from './topology';
import { ensureToolchain, Toolchain } from './toolchain';
import { waitCrossOrgDiscovery } from './discovery';
import { seedGovernance } from './seed';

type Log = (s: string) => void;

/** Result of `up`: whether it started the network or found it already running. */
export interface UpResult {
  alreadyUp: boolean;
  seconds: number;
  state: NetworkState;
}

/**
 * Brings the whole network up from the topology: CAs, identities, orderers, peers, channel, chaincode service,
 * chaincode definition, governance seed. Idempotent: on a healthy network it only says so.
 */
export async function up(log: Log = console.log): Promise<UpResult> {
  const started = Date.now();
  const t = loadTopology();
  const tc = await ensureToolchain(log);
  const existing = readState();
  if (existing) {
    const rows = await collectStatus(t, tc, existing);
    if (existing.ready && rows.every((r) => r.health === 'ok')) {
      log('[network] already up and healthy; nothing to do');
      log(formatTable(rows));
      return { alreadyUp: true, seconds: 0, state: existing };
    }
    throw new NetworkError('NETWORK_DEGRADED', `a previous network is ${existing.ready ? 'unhealthy' : 'half started'}:\n${formatTable(rows)}`,
      'run "npm run network:down" to stop it and remove its data, then "npm run network:up"');
  }
  await assertPortsFree(t);
  mkdirSync(paths.logs(), { recursive: true });
  const state: NetworkState = { topologyPath: topologyPath(), startedAt: new Date().toISOString(), ready: false, processes: [] };
  const track = (p: ManagedProcess) => {
    state.processes.push(p);
    writeState(state);
    return p;
  };
  const step = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const s = Date.now();
    const out = await fn();
    log(`[network] ${label} (${((Date.now() - s) / 1000).toFixed(1)} s)`);
    return out;
  };

  await step(`${t.orgs.length} Fabric CAs started`, async () => {
    const cas = t.orgs.map((o) => track(startCa(t, tc, o)));
    await Promise.all(t.orgs.map((o) => waitCa(t, o)));
    return cas;
  });
  await step('identities issued (nodes, admins, operators with role attributes)', () => Promise.all(t.orgs.map((o) => issueOrgIdentities(t, tc, o))));
  await step('genesis block created', () => createGenesisBlock(t, tc));
  await step('orderers and peers started', () => startNodes(t, tc, track));
  await step('orderers joined the channel (Raft leader elected)', async () => {
    await joinOrderers(t, tc);
    await waitOrderersActive(t, tc);
    await waitRaftLeader(t);
  });
  await step('peers joined the channel', () => joinPeers(t, tc));
  const pkg = await packageChaincode(t);
  const packageId = await step('chaincode package installed', () => deployChaincode(t, tc, pkg, log));
  state.packageId = packageId;
  await step('chaincode server started', async () => {
    track(startChaincodeServer(t, packageId));
    await waitChaincodeServer(t);
  });
  await step('chaincode defined on the channel', () => defineChaincode(t, tc, packageId, log));
  const profile = writeConnectionProfile(t);
  await step('every peer reaches the chaincode and every other department (gossip)', () => waitCrossOrgDiscovery(profile));
  await step('governance seeded from the topology', () => seedGovernance(t, tc, log));
  state.ready = true;
  writeState(state);
  const seconds = (Date.now() - started) / 1000;
  log(`[network] up in ${seconds.toFixed(1)} s: ${state.processes.length} processes, channel ${t.channel}, chaincode ${t.chaincode.name}`);
  return { alreadyUp: false, seconds, state };
}

async function startNodes(t: Topology, tc: Toolchain, track: (p: ManagedProcess) => ManagedProcess): Promise<void> {
  const oo = ordererOrg(t);
  const nodes = [
    ...oo.orderers.map((o) => track(startOrderer(t, tc, oo, o))),
    ...departments(t).flatMap((org) => org.peers.map((p) => track(startPeer(t, tc, org, p)))),
  ];
  await Promise.all(nodes.map((n) => waitHealthy(n)));
}
