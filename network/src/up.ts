import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { nodeCatalogue } from './catalogue';
import { NetworkError } from './errors';
import { paths } from './paths';
import { assertPortsFree } from './ports';
import { alive, NetworkState, readState, writeState } from './processes';
import { collectStatus, formatTable } from './status';
import { BRING_UP, Step, UpContext } from './steps';
import { loadTopology, topologyPath } from './topology';
import { ensureToolchain } from './toolchain';

type Log = (s: string) => void;

/** Result of `up`. */
export interface UpResult {
  /** The network was running and healthy: nothing was done. */
  alreadyUp: boolean;
  /** Data of an earlier network was found (stopped, crashed or half started) and brought back up. */
  restarted: boolean;
  /** Ids of the creation steps skipped because their result already existed (see BRING_UP). */
  skipped: string[];
  seconds: number;
  state: NetworkState;
}

/** Holds network/.data/up.lock for the duration of one `up` or `org:add`, so two of them never interleave. */
export function lockUp(): () => void {
  const file = join(paths.root(), 'up.lock');
  mkdirSync(paths.root(), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      const holder = Number(readFileSync(file, 'utf8'));
      if (attempt === 0 && (!Number.isInteger(holder) || !alive(holder))) {
        rmSync(file, { force: true });
        continue;
      }
      throw new NetworkError('NETWORK_BUSY', `another network:up or org:add (pid ${holder}) is running on this data directory`, 'wait for it to finish, or stop it', err);
    }
  }
}

/**
 * Runs steps in order, logging each with its time; a step whose result `exists` is skipped. Returns the skipped ids.
 * Used by `up` (BRING_UP) and by org:add, which reuses bring-up steps for a joining department.
 */
export async function runSteps(steps: readonly Step[], ctx: UpContext): Promise<string[]> {
  const skipped: string[] = [];
  for (const step of steps) {
    const s = Date.now();
    if (step.exists && (await step.exists(ctx))) {
      skipped.push(step.id);
      ctx.log(`[network] ${step.label}: exists, skipped`);
      continue;
    }
    const detail = await step.run(ctx);
    ctx.log(`[network] ${step.label}${detail ? `: ${detail}` : ''} (${((Date.now() - s) / 1000).toFixed(1)} s)`);
  }
  return skipped;
}

/**
 * Brings the network up from the topology by running BRING_UP. On a new data directory that creates everything; on
 * the data of a stopped or crashed network it restarts the nodes that are not running, with the same identities and
 * ledgers, and skips every creation step whose result exists (the channel and chaincode are not created again).
 * On a running, healthy network it only says so.
 */
export async function up(log: Log = console.log): Promise<UpResult> {
  const started = Date.now();
  const t = loadTopology();
  const tc = await ensureToolchain(log);
  const existing = readState();
  if (existing?.ready && !existing.stoppedAt) {
    const rows = await collectStatus(t, tc, existing);
    if (rows.every((r) => r.health === 'ok')) {
      log('[network] already up and healthy; nothing to do');
      log(formatTable(rows));
      return { alreadyUp: true, restarted: false, skipped: [], seconds: 0, state: existing };
    }
    log(`[network] not every node is healthy; bringing the network back up:\n${formatTable(rows)}`);
  } else if (existing) {
    log(`[network] ${existing.stoppedAt ? `stopped at ${existing.stoppedAt}` : 'found a network that was not fully started or crashed'}; restarting it with its data`);
  } else {
    await assertPortsFree(t);
  }
  const unlock = lockUp();
  try {
    mkdirSync(paths.logs(), { recursive: true });
    const state: NetworkState = existing ?? { topologyPath: topologyPath(), startedAt: new Date().toISOString(), ready: false, processes: [] };
    state.ready = false;
    delete state.stoppedAt;
    writeState(state);
    const ctx: UpContext = { t, tc, log, state, catalogue: nodeCatalogue(t), ...(state.packageId ? { packageId: state.packageId } : {}) };
    const skipped = await runSteps(BRING_UP, ctx);
    state.ready = true;
    writeState(state);
    const seconds = (Date.now() - started) / 1000;
    log(`[network] ${existing ? 'restarted' : 'up'} in ${seconds.toFixed(1)} s: ${state.processes.length} processes, channel ${t.channel}, chaincode ${t.chaincode.name}`);
    return { alreadyUp: false, restarted: existing !== undefined, skipped, seconds, state };
  } finally {
    unlock();
  }
}
