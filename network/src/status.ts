import { ordererChannelInfo, peerHeight } from './channel';
import { alive, NetworkState } from './processes';
import { serviceHost } from './placement';
import { ordererOrg, Topology } from './topology';
import { Toolchain } from './toolchain';
import { httpStatus, tcpOpen } from './wait';

/** One row of `network:status`. */
export interface NodeStatus {
  node: string;
  kind: string;
  org: string;
  port: number;
  pid: number;
  health: 'ok' | 'down' | 'unhealthy';
  height: number | '-';
}

/** Checks every managed process: alive, health endpoint (or TCP), and ledger height for peers and orderers. */
export async function collectStatus(t: Topology, tc: Toolchain, state: NetworkState): Promise<NodeStatus[]> {
  const oo = ordererOrg(t);
  return Promise.all(state.processes.map(async (p): Promise<NodeStatus> => {
    const running = alive(p.pid);
    const ok = running && (p.healthUrl ? (await httpStatus(p.healthUrl)) === 200 : await tcpOpen(serviceHost(t, p.name), p.port));
    let height: number | '-' = '-';
    if (ok && p.kind === 'peer') height = await peerHeight(t, tc, p.org).catch(() => '-' as const);
    if (ok && p.kind === 'orderer') {
      const o = oo.orderers.find((x) => p.port === x.port);
      if (o) height = await ordererChannelInfo(t, tc, o.adminPort).then((i) => i.height).catch(() => '-' as const);
    }
    return { node: p.name, kind: p.kind, org: p.org, port: p.port, pid: p.pid, health: !running ? 'down' : ok ? 'ok' : 'unhealthy', height };
  }));
}

/** Formats rows as a fixed-width table. */
export function formatTable(rows: NodeStatus[]): string {
  const head = ['NODE', 'KIND', 'ORG', 'PORT', 'PID', 'HEALTH', 'HEIGHT'];
  const cells = rows.map((r) => [r.node, r.kind, r.org, String(r.port), String(r.pid), r.health, String(r.height)]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), ...cells.map(line)].join('\n');
}
