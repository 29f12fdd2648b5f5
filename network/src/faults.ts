import { findNode, NodeDef } from './catalogue';
import { NetworkError } from './errors';
import { ledgerNodes, waitCaughtUp } from './heights';
import { driver } from './drivers';
import { assertNodesFree } from './ports';
import { ManagedProcess, NetworkState, readState, recordProcess, running, signalGroup } from './processes';
import { readRaftViews, waitRaftLeader } from './raft';
import { loadTopology, Topology } from './topology';
import { toolchain } from './toolchain';
import { waitFor } from './wait';

type Log = (s: string) => void;

/** A network node as the fault helpers found it in the state file. */
export interface NodeTarget {
  t: Topology;
  def: NodeDef;
  state: NetworkState;
  process?: ManagedProcess;
}

/** Resolves a node name against the topology and the running network; NETWORK_NOT_UP without a state file. */
export function target(name: string, t: Topology = loadTopology()): NodeTarget {
  const def = findNode(t, name);
  const state = readState();
  if (!state) throw new NetworkError('NETWORK_NOT_UP', 'no network state file', 'start the network first: npm run network:up');
  const process = state.processes.find((p) => p.name === def.name);
  return { t, def, state, ...(process ? { process } : {}) };
}

/** Waits (bounded) until a signalled node has exited; NODE_NOT_STOPPED otherwise. */
async function waitExited(p: ManagedProcess, timeoutMs: number): Promise<void> {
  await waitFor({ node: p.name, condition: `exit (pid ${p.pid})`, key: 'NODE_NOT_STOPPED', hint: `kill it by hand: kill -9 -${p.pid}` }, async () => !running(p), timeoutMs);
}

/**
 * Kills one node by name (default SIGKILL, as a crash: nothing is flushed or closed) and waits until it has exited.
 * Its data stays; `restartNode` or `network:up` starts it again. Returns the killed process record.
 */
export async function killNode(name: string, opts: { signal?: NodeJS.Signals; log?: Log } = {}): Promise<ManagedProcess> {
  const { process: p, def } = target(name);
  if (!p || !running(p)) throw new NetworkError('NODE_NOT_RUNNING', `${def.name} is not running`, 'see npm run network:status');
  const signal = opts.signal ?? 'SIGKILL';
  signalGroup(p.pid, signal);
  await waitExited(p, signal === 'SIGKILL' ? 10_000 : 20_000);
  opts.log?.(`[network] ${def.name} (pid ${p.pid}) killed with ${signal}`);
  return p;
}

/** Result of restarting one node. */
export interface RestartResult {
  node: string;
  pid: number;
  /** Seconds from the start command until the node was ready and, for ledger nodes, caught up. */
  seconds: number;
  /** For peers and orderers: the block height it caught up to. */
  height?: number;
}

/**
 * Waits (bounded) until a restarted ledger node has caught up: a peer or orderer reaches the greatest height any
 * node reports when the wait starts; an orderer also knows the Raft leader again. Other nodes need nothing.
 */
export async function waitNodeCaughtUp(name: string, timeoutMs = 120_000): Promise<number | undefined> {
  const t = loadTopology();
  const def = findNode(t, name);
  const node = ledgerNodes(t).find((n) => n.name === def.name);
  if (!node) return undefined;
  const height = await waitCaughtUp(t, [node], { timeoutMs });
  if (node.kind === 'orderer') await waitRaftLeader(t, timeoutMs);
  return height;
}

/**
 * Restarts one node by name with its data: stops it if it still runs (SIGTERM, bounded), starts it again from the
 * catalogue, waits until it is ready and has caught up. Used by the fault tests and by operators (network:restart).
 */
export async function restartNode(name: string, opts: { log?: Log; timeoutMs?: number } = {}): Promise<RestartResult> {
  const { t, def, state, process: old } = target(name);
  const started = Date.now();
  if (old && running(old)) {
    signalGroup(old.pid, 'SIGTERM');
    await waitExited(old, 20_000).catch(() => {
      signalGroup(old.pid, 'SIGKILL');
      return waitExited(old, 10_000);
    });
  }
  await assertNodesFree([def], 10_000);
  const ctx = { t, tc: toolchain(), ...(state.packageId ? { packageId: state.packageId } : {}) };
  const [fresh] = await driver().start(ctx, [def]);
  if (!fresh) throw new NetworkError('NODE_NOT_RUNNING', `the ${driver().name} driver started nothing for ${def.name}`);
  recordProcess(state, fresh);
  await def.ready(ctx, fresh);
  const height = await waitNodeCaughtUp(def.name, opts.timeoutMs);
  const seconds = (Date.now() - started) / 1000;
  opts.log?.(`[network] ${def.name} restarted (pid ${fresh.pid}) and ${height === undefined ? 'ready' : `caught up to height ${height}`} in ${seconds.toFixed(1)} s`);
  return { node: def.name, pid: fresh.pid, seconds, ...(height === undefined ? {} : { height }) };
}

/** Name of the orderer that is Raft leader of the channel now, or undefined while there is none. */
export async function raftLeader(t: Topology = loadTopology()): Promise<string | undefined> {
  const views = await readRaftViews(t);
  const leaders = views.filter((v) => v.isLeader);
  if (leaders.length !== 1) return undefined;
  return findNode(t, leaders[0]!.orderer).name;
}
