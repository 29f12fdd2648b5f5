import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from './paths';
import { NetworkError } from './errors';
import { driver } from './drivers';
import { readState, stopPids, writeState } from './processes';
import { loadTopology } from './topology';

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

/**
 * Stops every node of the network (through its driver) and its companions (gateways): SIGTERM, then SIGKILL after a
 * time limit. Only processes that still run what was started are signalled, never a stranger that reused a pid.
 */
async function stopProcesses(log: (s: string) => void): Promise<void> {
  const companions = await stopPids(companionPids(), log);
  const t = loadTopology();
  const nodes = await driver().stopAll(t, readState(), log);
  log(`[network] stopped ${nodes} nodes${companions ? ` and ${companions} companions` : ''}`);
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
  await driver().removeAll(loadTopology(), log);
  if (existsSync(paths.root())) {
    rmSync(paths.root(), { recursive: true, force: true });
    log(`[network] removed ${paths.root()}`);
  }
}
