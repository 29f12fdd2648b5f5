import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from './paths';
import { alive, readState, signalGroup } from './processes';

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

/** Stops every process the network started (TERM, then KILL after a time limit) and removes all generated data. */
export async function down(log: (s: string) => void = console.log, opts: { keepData?: boolean } = {}): Promise<void> {
  const state = readState();
  const procs = [...(state?.processes ?? []), ...companionPids()];
  for (const p of procs) if (alive(p.pid)) signalGroup(p.pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (procs.some((p) => alive(p.pid)) && Date.now() < deadline) await sleep(200);
  const stubborn = procs.filter((p) => alive(p.pid));
  for (const p of stubborn) signalGroup(p.pid, 'SIGKILL');
  await sleep(stubborn.length > 0 ? 500 : 0);
  const left = procs.filter((p) => alive(p.pid));
  if (left.length > 0) throw new Error(`processes still running after SIGKILL: ${left.map((p) => `${p.name} (${p.pid})`).join(', ')}`);
  log(`[network] stopped ${procs.length} processes${stubborn.length ? ` (${stubborn.length} needed SIGKILL)` : ''}`);
  if (!opts.keepData && existsSync(paths.root())) {
    rmSync(paths.root(), { recursive: true, force: true });
    log(`[network] removed ${paths.root()}`);
  }
}
