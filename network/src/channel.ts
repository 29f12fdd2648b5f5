import { exec } from './exec';
import { OPS_HOST, paths } from './paths';
import { peerCli } from './peercli';
import { writeConfigtx } from './configtx';
import { ordererAdminTls } from './nodes';
import { departments, ordererOrg, Topology } from './topology';
import { Toolchain } from './toolchain';
import { waitFor } from './wait';

/** Generates the channel's genesis block with configtxgen from the topology-derived configtx.yaml. */
export async function createGenesisBlock(t: Topology, tc: Toolchain): Promise<void> {
  const dir = writeConfigtx(t);
  await exec(tc.bin('configtxgen'), ['-profile', 'GovChannel', '-outputBlock', paths.genesisBlock(), '-channelID', t.channel, '-configPath', dir], {
    env: { ...process.env, FABRIC_CFG_PATH: dir },
  });
}

/** Joins every orderer to the channel through its admin endpoint (channel participation API). */
export async function joinOrderers(t: Topology, tc: Toolchain): Promise<void> {
  const oo = ordererOrg(t);
  const tls = ordererAdminTls(oo);
  await Promise.all(oo.orderers.map((o) => exec(tc.bin('osnadmin'), ['channel', 'join', '--channelID', t.channel, '--config-block', paths.genesisBlock(),
    '-o', `${OPS_HOST}:${o.adminPort}`, '--ca-file', tls.ca, '--client-cert', tls.cert, '--client-key', tls.key], { timeoutMs: 60_000 })));
}

/** Reads an orderer's channel status and height through osnadmin. */
export async function ordererChannelInfo(t: Topology, tc: Toolchain, adminPort: number): Promise<{ status: string; height: number }> {
  const tls = ordererAdminTls(ordererOrg(t));
  const out = await exec(tc.bin('osnadmin'), ['channel', 'list', '--channelID', t.channel, '-o', `${OPS_HOST}:${adminPort}`,
    '--ca-file', tls.ca, '--client-cert', tls.cert, '--client-key', tls.key], { timeoutMs: 10_000 });
  const body = JSON.parse(out.slice(out.indexOf('{'))) as { status?: string; consensusRelation?: string; height?: number };
  return { status: `${body.status ?? '?'}/${body.consensusRelation ?? '?'}`, height: body.height ?? 0 };
}

/** Joins every peer to the channel from the genesis block. */
export async function joinPeers(t: Topology, tc: Toolchain): Promise<void> {
  await Promise.all(departments(t).map((o) => peerCli(t, tc, o, ['channel', 'join', '-b', paths.genesisBlock()])));
}

/** Reads a peer's ledger height for the channel through the peer CLI as the org admin. */
export async function peerHeight(t: Topology, tc: Toolchain, orgName: string): Promise<number> {
  const org = departments(t).find((o) => o.name === orgName);
  if (!org) throw new Error(`unknown org ${orgName}`);
  const out = await peerCli(t, tc, org, ['channel', 'getinfo', '-c', t.channel], undefined, 15_000);
  const body = JSON.parse(out.slice(out.indexOf('{'))) as { height?: number };
  return body.height ?? 0;
}

/** Waits until every orderer serves the channel (status active), which deliveries need; not yet a Raft leader. */
export async function waitOrderersActive(t: Topology, tc: Toolchain): Promise<void> {
  const oo = ordererOrg(t);
  await waitFor('every orderer to report the channel active', async () => {
    const infos = await Promise.all(oo.orderers.map((o) => ordererChannelInfo(t, tc, o.adminPort)));
    return infos.every((i) => i.status.startsWith('active'));
  }, 60_000, 'see the orderer logs: npm run network:logs');
}
