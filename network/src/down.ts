import { existsSync, rmSync } from 'node:fs';
import { paths } from './paths';
import { alive, readState, signalGroup } from './processes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stops every process the network started (TERM, then KILL after a time limit) and removes all generated data. */
export async function down(log: (s: string) => void = console.log, opts: { keepData?: boolean } = {}): Promise<void> {
  const state = readState();
  const procs = state?.processes ?? [];
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
