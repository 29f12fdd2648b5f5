/**
 * Entry of the native chaincode server when the topology asks for more than one worker (`native.chaincodeWorkers`):
 * `node chaincode-cluster.js <workers> <node options…> -- <script> <args…>`. Node's cluster module forks the workers,
 * each running fabric-shim's server (with the same preloads, so the peer guard holds in every worker) on the same
 * port; the primary hands accepted connections to the workers in turn, so the five peers' chaincode streams spread
 * over several event loops instead of one (a single Node thread caps the endorsements per second of all peers).
 * A worker that dies takes the whole server down (the network's status and restart-chaincode see it), rather than
 * leaving a peer silently connected to nothing.
 */
import cluster from 'node:cluster';
import { NetworkError } from './errors';

/** Splits the argv after the worker count into node options and the script with its arguments. */
export function parseClusterArgs(argv: string[]): { workers: number; execArgv: string[]; exec: string; args: string[] } {
  const workers = Number(argv[0]);
  const sep = argv.indexOf('--');
  const exec = argv[sep + 1];
  if (!Number.isInteger(workers) || workers < 1 || sep < 1 || !exec) {
    throw new NetworkError('COMMAND_FAILED', 'usage: chaincode-cluster.js <workers> <node options…> -- <script> <args…>', 'set native.chaincodeWorkers in network/topology.json to a whole number ≥ 1; network/src/chaincode.ts builds these arguments');
  }
  return { workers, execArgv: argv.slice(1, sep), exec, args: argv.slice(sep + 2) };
}

function runPrimary(argv: string[]): void {
  const { workers, execArgv, exec, args } = parseClusterArgs(argv);
  cluster.setupPrimary({ exec, args, execArgv });
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    process.stderr.write(`chaincode cluster: worker ${worker.process.pid} exited (${signal ?? code}); stopping the server\n`);
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    process.exitCode = 1;
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (require.main === module && cluster.isPrimary) runPrimary(process.argv.slice(2));
