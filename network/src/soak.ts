import { randomUUID } from 'node:crypto';
import { cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operatorGateway, peerConnection } from './client';
import { down } from './down';
import { NetworkError } from './errors';
import { paths } from './paths';
import { loadConnectionProfile, OrgProfile } from './profile';
import { readState } from './processes';
import { up } from './up';
import { waitFor } from './wait';

type Log = (s: string) => void;

/** One soak cycle: up, one cross-org transaction read back from every peer, down. */
export interface SoakCycle {
  cycle: number;
  ok: boolean;
  seconds: number;
  upSeconds?: number;
  txSeconds?: number;
  downSeconds?: number;
  error?: string;
}

/** Nearest-rank quantile of sorted values (q in 0..1). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** min / median / p90 / max of cycle times, in seconds. */
export function distribution(seconds: number[]): { min: number; median: number; p90: number; max: number } {
  const s = [...seconds].sort((a, b) => a - b);
  return { min: s[0] ?? NaN, median: quantile(s, 0.5), p90: quantile(s, 0.9), max: s[s.length - 1] ?? NaN };
}

const operatorOf = (org: OrgProfile) => {
  const op = org.operators.find((o) => o.role === 'clerk') ?? org.operators[0];
  if (!op) throw new NetworkError('OPERATOR_NOT_ENROLLED', `${org.name} has no enrolled operator`, 'enrol one: npm run operator:add');
  return op.id;
};

/**
 * Submits System:Probe endorsed by the first two departments, then reads it back (bounded) from every department's
 * own peer. Throws when any step fails or a peer does not return the probe in time.
 */
export async function crossOrgProbe(timeoutMs = 30_000): Promise<void> {
  const profile = loadConnectionProfile();
  const [a, b] = profile.orgs;
  if (!a || !b) throw new NetworkError('TOPOLOGY_INVALID', 'the connection profile needs two departments for a cross-org transaction');
  const probeId = `soak-${randomUUID()}`;
  const client = peerConnection(a);
  const gw = operatorGateway(client, a, operatorOf(a));
  try {
    await gw.getNetwork(profile.channel).getContract(profile.chaincode, 'System').submit('Probe', { arguments: [probeId], endorsingOrganizations: [a.mspId, b.mspId] });
  } finally {
    gw.close();
    client.close();
  }
  await Promise.all(profile.orgs.map(async (org) => {
    const c = peerConnection(org);
    const g = operatorGateway(c, org, operatorOf(org), { evaluateOptions: () => ({ deadline: Date.now() + 5_000 }) });
    try {
      const contract = g.getNetwork(profile.channel).getContract(profile.chaincode, 'System');
      await waitFor({ node: `${org.name}'s peer`, condition: `return probe ${probeId}`, key: 'PEER_BEHIND' }, async () => {
        const read = JSON.parse(Buffer.from(await contract.evaluate('ReadProbe', { arguments: [probeId], endorsingOrganizations: [org.mspId] })).toString()) as { probeId?: string };
        return read.probeId === probeId;
      }, timeoutMs);
    } finally {
      g.close();
      c.close();
    }
  }));
}

const secs = (from: number) => (Date.now() - from) / 1000;

/** The slowest bring-up step in up's progress lines ("[network] <label>[: detail] (<s> s)"), as "<label> <s> s". */
export function slowestStep(lines: string[]): string | undefined {
  let best: { label: string; s: number } | undefined;
  for (const line of lines) {
    const m = /^\[network\] (.+) \((\d+(?:\.\d+)?) s\)$/.exec(line);
    if (m && (!best || Number(m[2]) > best.s)) best = { label: m[1]!.split(':')[0]!, s: Number(m[2]) };
  }
  return best && `${best.label} ${best.s.toFixed(1)} s`;
}

/**
 * Runs `cycles` cycles of up, cross-org probe, down, on a data directory that must start empty (soak removes what it
 * creates). Every cycle runs even after a failure; the caller exits non-zero when any failed.
 */
export async function soak(cycles: number, log: Log = console.log): Promise<SoakCycle[]> {
  if (readState() || existsSync(paths.root())) {
    throw new NetworkError('NETWORK_EXISTS', `a network's data is in ${paths.root()}; soak brings networks up and removes them`,
      'run "npm run network:down" first (it deletes that network\'s ledger), or point GOVCHAIN_NETWORK_DATA elsewhere');
  }
  const results: SoakCycle[] = [];
  for (let cycle = 1; cycle <= cycles; cycle++) {
    const start = Date.now();
    const r: SoakCycle = { cycle, ok: false, seconds: 0 };
    const lines: string[] = [];
    try {
      let s = Date.now();
      await up((l) => lines.push(l));
      r.upSeconds = secs(s);
      s = Date.now();
      await crossOrgProbe();
      r.txSeconds = secs(s);
      r.ok = true;
    } catch (err) {
      r.error = err instanceof NetworkError ? `${err.key}: ${err.message}` : String(err);
      log(lines.slice(-15).join('\n'));
      if (existsSync(paths.logs())) {
        const kept = join(tmpdir(), `govchain-soak-${process.pid}-cycle-${cycle}`);
        cpSync(paths.logs(), kept, { recursive: true });
        log(`[soak] node logs of the failed cycle kept in ${kept}`);
      }
    } finally {
      const s = Date.now();
      await down(() => undefined).catch((err: unknown) => {
        r.ok = false;
        r.error = `${r.error ? `${r.error}; ` : ''}down failed: ${String(err)}`;
      });
      r.downSeconds = secs(s);
    }
    r.seconds = secs(start);
    results.push(r);
    const parts = [`up ${r.upSeconds?.toFixed(1) ?? '-'} s`, `transaction ${r.txSeconds?.toFixed(1) ?? '-'} s`, `down ${r.downSeconds.toFixed(1)} s`];
    const slowest = slowestStep(lines);
    if (slowest) parts.push(`slowest step: ${slowest}`);
    log(`[soak] cycle ${cycle}/${cycles}: ${r.ok ? 'ok' : 'FAILED'} in ${r.seconds.toFixed(1)} s (${parts.join(', ')})${r.error ? `\n[soak]   ${r.error}` : ''}`);
  }
  const d = distribution(results.map((r) => r.seconds));
  const passed = results.filter((r) => r.ok).length;
  log(`[soak] ${passed}/${cycles} cycles passed; cycle time min ${d.min.toFixed(1)} s, median ${d.median.toFixed(1)} s, p90 ${d.p90.toFixed(1)} s, max ${d.max.toFixed(1)} s`);
  return results;
}
