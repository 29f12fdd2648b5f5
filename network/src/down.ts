import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from './paths';
import { NetworkError } from './errors';
import { alive, readState, running, signalGroup, writeState } from './processes';

/** Pids that companions (e.g. detached gateways) recorded as `<dataDir>/<component>/<name>.pid`. */
function companionPids(): Array<{ name: string; pid: number }> {
  const root = paths.root();
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((d) => join(root, d))
    .filter((d) => statSync(d).isDirectory())
    .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.pid')).map((f) => join(d, f)))
    .map((f) => ({ name: f.slice(root.length + 1), pid: Number(readFileSync(f, 'utf8').trim()) }))
    .filter((p) => Number.isInteger(p.pid) && p.pid > 1 && ownsPid(p.name.split('/')[0]!, p.pid));
}

/** Guards against a stale pid file whose pid now belongs to an unrelated process. */
function ownsPid(component: string, pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(component);
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stops every running process of the network and its companions (gateways): SIGTERM, then SIGKILL after a time
 * limit. Only processes that still run what was started are signalled, never a stranger that reused a pid.
 */
async function stopProcesses(log: (s: string) => void): Promise<void> {
  const state = readState();
  const procs = [...(state?.processes ?? []).filter(running), ...companionPids()];
  for (const p of procs) signalGroup(p.pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (procs.some((p) => alive(p.pid)) && Date.now() < deadline) await sleep(200);
  const stubborn = procs.filter((p) => alive(p.pid));
  for (const p of stubborn) signalGroup(p.pid, 'SIGKILL');
  await sleep(stubborn.length > 0 ? 500 : 0);
  const left = procs.filter((p) => alive(p.pid));
  if (left.length > 0) {
    throw new NetworkError('NODE_NOT_STOPPED', `processes still running after SIGKILL: ${left.map((p) => `${p.name} (${p.pid})`).join(', ')}`,
      'check them with ps; they may be stuck in the kernel');
  }
  log(`[network] stopped ${procs.length} processes${stubborn.length ? ` (${stubborn.length} needed SIGKILL)` : ''}`);
}

/**
 * Stops every node and keeps all data (crypto, ledgers, private data, state): `up` afterwards restarts the same
 * network. Recorded in the state file as stoppedAt.
 */
export async function stop(log: (s: string) => void = console.log): Promise<void> {
  const state = readState();
  if (!state) throw new NetworkError('NETWORK_NOT_UP', `no network state in ${paths.root()}`, 'nothing to stop; start one with: npm run network:up');
  await stopProcesses(log);
  writeState({ ...state, ready: false, stoppedAt: new Date().toISOString() });
  log(`[network] data kept in ${paths.root()}; "npm run network:up" restarts the network`);
}

/** Stops every process the network started, then removes all generated data (unless keepData, which is stop). */
export async function down(log: (s: string) => void = console.log, opts: { keepData?: boolean } = {}): Promise<void> {
  if (opts.keepData) return stop(log);
  await stopProcesses(log);
  if (existsSync(paths.root())) {
    rmSync(paths.root(), { recursive: true, force: true });
    log(`[network] removed ${paths.root()}`);
  }
}
