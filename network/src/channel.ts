import { NetworkError } from './errors';
import { exec } from './exec';
import { nodeHost, paths } from './paths';
import { localDepartments, opsHost } from './placement';
import { peerCli } from './peercli';
import { writeConfigtx } from './configtx';
import { ordererAdminTls } from './nodes';
import { departments, OrdererOrg, ordererOrg, Topology } from './topology';
import { ledgerHeights, ledgerNodes } from './heights';
import { Toolchain } from './toolchain';
import { waitFor } from './wait';

/** host:port of the orderer admin endpoint on `adminPort` (see opsHost). */
function adminEndpoint(t: Topology, adminPort: number): string {
  const oo = ordererOrg(t);
  const o = oo.orderers.find((x) => x.adminPort === adminPort);
  if (!o) throw new NetworkError('NODE_UNKNOWN', `no orderer with admin port ${adminPort}`);
  return `${opsHost(t, nodeHost(o.name, oo.name, t.domain))}:${adminPort}`;
}

/** Generates the channel's genesis block with configtxgen from the topology-derived configtx.yaml. */
export async function createGenesisBlock(t: Topology, tc: Toolchain): Promise<void> {
  const dir = writeConfigtx(t);
  await exec(tc.bin('configtxgen'), ['-profile', 'GovChannel', '-outputBlock', paths.genesisBlock(), '-channelID', t.channel, '-configPath', dir], {
    env: { ...process.env, FABRIC_CFG_PATH: dir },
  });
}

/** Joins one orderer to the channel through its admin endpoint (channel participation API). */
export async function joinOrderer(t: Topology, tc: Toolchain, o: OrdererOrg['orderers'][number]): Promise<void> {
  const tls = ordererAdminTls(ordererOrg(t));
  await exec(tc.bin('osnadmin'), ['channel', 'join', '--channelID', t.channel, '--config-block', paths.genesisBlock(),
    '-o', adminEndpoint(t, o.adminPort), '--ca-file', tls.ca, '--client-cert', tls.cert, '--client-key', tls.key], { timeoutMs: 60_000 });
}

/** Joins every orderer that does not serve the channel yet (all of them on a new network; none on a restart). */
export async function joinOrderers(t: Topology, tc: Toolchain): Promise<number> {
  const orderers = ordererOrg(t).orderers;
  const has = await Promise.all(orderers.map((o) => ordererHasChannel(t, tc, o.adminPort)));
  const missing = orderers.filter((_, i) => !has[i]);
  await Promise.all(missing.map((o) => joinOrderer(t, tc, o)));
  return missing.length;
}

/** True when the orderer lists the channel (it was joined; its ledger holds it). */
export async function ordererHasChannel(t: Topology, tc: Toolchain, adminPort: number): Promise<boolean> {
  return ordererChannelInfo(t, tc, adminPort).then(() => true, () => false);
}

/** Reads an orderer's channel status and height through osnadmin. */
export async function ordererChannelInfo(t: Topology, tc: Toolchain, adminPort: number): Promise<{ status: string; height: number }> {
  const tls = ordererAdminTls(ordererOrg(t));
  const out = await exec(tc.bin('osnadmin'), ['channel', 'list', '--channelID', t.channel, '-o', adminEndpoint(t, adminPort),
    '--ca-file', tls.ca, '--client-cert', tls.cert, '--client-key', tls.key], { timeoutMs: 10_000 });
  const code = /Status: (\d+)/.exec(out)?.[1];
  const body = JSON.parse(out.slice(out.indexOf('{'))) as { status?: string; consensusRelation?: string; height?: number; error?: string };
  // osnadmin exits 0 on an HTTP error; a 404 means this orderer has not joined the channel.
  if (code !== '200') throw new NetworkError('CHANNEL_NOT_JOINED', `orderer admin port ${adminPort}: HTTP ${code ?? '?'} ${body.error ?? ''}`.trim());
  return { status: `${body.status ?? '?'}/${body.consensusRelation ?? '?'}`, height: body.height ?? 0 };
}

/** Joins every department's peer that has no ledger for the channel yet, from the genesis block. */
export async function joinPeers(t: Topology, tc: Toolchain): Promise<number> {
  const peers = ledgerNodes(t).filter((n) => n.kind === 'peer');
  const joined = await ledgerHeights(t, peers);
  const missing = localDepartments(t).filter((o) => o.peers.some((p) => joined[nodeHost(p.name, o.name, t.domain)] === undefined));
  // A peer restarted a moment ago may not report its height yet though its ledger exists (on a department's own host
  // nothing else runs before this step to give it that moment): Fabric's "already exists" then means joined.
  await Promise.all(missing.map((o) => peerCli(t, tc, o, ['channel', 'join', '-b', paths.genesisBlock()]).catch((err: unknown) => {
    if (!/ledger \[[^\]]+\] already exists/.test(String(err))) throw err;
  })));
  return missing.length;
}

/** Reads a peer's ledger height for the channel through the peer CLI as the org admin. */
export async function peerHeight(t: Topology, tc: Toolchain, orgName: string): Promise<number> {
  const org = departments(t).find((o) => o.name === orgName);
  if (!org) throw new NetworkError('INVALID_ARGUMENT', `unknown org ${orgName}`);
  const out = await peerCli(t, tc, org, ['channel', 'getinfo', '-c', t.channel], undefined, 15_000);
  const body = JSON.parse(out.slice(out.indexOf('{'))) as { height?: number };
  return body.height ?? 0;
}

/** Waits until every orderer serves the channel (status active), which deliveries need; not yet a Raft leader. */
export async function waitOrderersActive(t: Topology, tc: Toolchain, timeoutMs = 60_000): Promise<void> {
  const oo = ordererOrg(t);
  await Promise.all(oo.orderers.map((o) => waitFor(
    { node: nodeHost(o.name, oo.name, t.domain), condition: `report channel ${t.channel} active`, key: 'CHANNEL_NOT_SERVED', hint: 'see the orderer logs: npm run network:logs' },
    async () => (await ordererChannelInfo(t, tc, o.adminPort)).status.startsWith('active'), timeoutMs)));
}
