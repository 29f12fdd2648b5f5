import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-file';
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { NetworkError } from './errors';
import { paths } from './paths';

/** One process the network started. */
export interface ManagedProcess {
  name: string;
  kind: 'ca' | 'orderer' | 'peer' | 'chaincode';
  org: string;
  pid: number;
  port: number;
  /** Operations/health URL, when the node has one. */
  healthUrl?: string;
  log: string;
  /** The first two words of its command line, to tell it from an unrelated process that reused the pid. */
  argv?: string[];
  /** The container id, when a container runs the node (its main process is `pid`). */
  container?: string;
}

/** What network:up leaves behind for status/down; written after every start. */
export interface NetworkState {
  topologyPath: string;
  startedAt: string;
  ready: boolean;
  packageId?: string;
  /** Set by network:stop: every node was stopped on purpose and the data kept. */
  stoppedAt?: string;
  processes: ManagedProcess[];
}

/** Reads the state file, or undefined if the network was never brought up here. */
export function readState(): NetworkState | undefined {
  if (!existsSync(paths.state())) return undefined;
  return JSON.parse(readFileSync(paths.state(), 'utf8')) as NetworkState;
}

/** Writes the state file atomically (temp file, then rename): a reader or a crash never sees half of it. */
export function writeState(state: NetworkState): void {
  writeFileAtomic(paths.state(), JSON.stringify(state, null, 2));
}

/** True if a process with this pid exists (and is not a zombie). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
}

/** True if the recorded process is still running: its pid is alive and runs the command that was started. */
export function running(p: ManagedProcess): boolean {
  if (!alive(p.pid)) return false;
  if (!p.argv) return true;
  try {
    const cmdline = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0');
    return p.argv.every((a, i) => cmdline[i] === a);
  } catch {
    return false;
  }
}

/** Replaces the record of a node (by name) in the state, or adds it, and writes the state. */
export function recordProcess(state: NetworkState, p: ManagedProcess): void {
  const i = state.processes.findIndex((x) => x.name === p.name);
  if (i >= 0) state.processes[i] = p;
  else state.processes.push(p);
  writeState(state);
}

/**
 * Starts a long-running node detached in its own process group, logging stdout and stderr to its own file,
 * so it outlives the CLI and can be stopped as a group by down.
 */
export function startDetached(
  spec: Omit<ManagedProcess, 'pid' | 'log'>,
  cmd: string,
  args: string[],
  opts: { cwd?: string; env: NodeJS.ProcessEnv },
): ManagedProcess {
  const log = paths.log(spec.name);
  mkdirSync(dirname(log), { recursive: true });
  const fd = openSync(log, 'a');
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (child.pid === undefined) throw new NetworkError('COMMAND_FAILED', `failed to start ${spec.name} (${cmd})`);
  child.unref();
  return { ...spec, pid: child.pid, log, argv: [cmd, ...args.slice(0, 1)] };
}

/** Sends a signal to a process group, ignoring groups that are already gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stops processes: SIGTERM to each group, then SIGKILL after a time limit; NODE_NOT_STOPPED if any survives.
 * Returns how many were signalled.
 */
export async function stopPids(procs: Array<{ name: string; pid: number }>, log: (s: string) => void, graceMs = 15_000): Promise<number> {
  for (const p of procs) signalGroup(p.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (procs.some((p) => alive(p.pid)) && Date.now() < deadline) await sleep(200);
  const stubborn = procs.filter((p) => alive(p.pid));
  for (const p of stubborn) signalGroup(p.pid, 'SIGKILL');
  await sleep(stubborn.length > 0 ? 500 : 0);
  const left = procs.filter((p) => alive(p.pid));
  if (left.length > 0) {
    throw new NetworkError('NODE_NOT_STOPPED', `processes still running after SIGKILL: ${left.map((p) => `${p.name} (${p.pid})`).join(', ')}`,
      'check them with ps; they may be stuck in the kernel');
  }
  if (stubborn.length > 0) log(`[network] ${stubborn.length} of ${procs.length} processes needed SIGKILL`);
  return procs.length;
}
