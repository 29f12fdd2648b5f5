#!/usr/bin/env node
import { writeCompose } from './compose';
import { restartChaincode } from './chaincode-restart';
import { addOperator } from './operator-add';
import { down, stop } from './down';
import { driver } from './drivers';
import { NetworkError } from './errors';
import { killNode, raftLeader, restartNode } from './faults';
import { readState } from './processes';
import { soak } from './soak';
import { collectStatus, formatTable } from './status';
import { loadTopology } from './topology';
import { ensureToolchain, missingParts, toolchain } from './toolchain';
import { up } from './up';
import { parseUpArgs, upEnvironment } from './up-args';

const HELP = 'the commands and flags: node network/dist/cli.js help';
const USAGE = `usage: node network/dist/cli.js <command>
  up           bring the network up; on a stopped or crashed network, restart it with its data (idempotent)
    [--org <org>] [--exchange <dir>]   on a department's own host: only that org's nodes; public bundles and the
                 genesis block are exchanged as files in <dir> (docs/deployment.md, "Departments on separate hosts")
  stop         stop every node and keep all data (crypto, ledgers, private data, state)
  down         stop every process and remove generated data
  status       table of nodes: port, health, ledger height
  logs [N]     last N lines (default 20) of every node's log
  kill <node> [--signal SIGTERM|SIGKILL]   kill one node (default SIGKILL, like a crash); its data stays
  restart <node>   restart one node with its data and wait until it has caught up
  leader       print the orderer that is Raft leader now
  soak --cycles N  N cycles of up, a cross-org transaction read back from every peer, down
  toolchain    build or locate the Fabric binaries
  compose      write the compose file of the container deployment (GOVCHAIN_DRIVER=compose: network/.data-compose/docker-compose.yaml)
  operator:add --org <org> --operator <id> --role <role> [--secret-file f] [--gateway-held-key]   register an operator (one-time enrolment ticket)
  restart-chaincode   restart the chaincode server on rebuilt code
nodes are named as in "status" (e.g. orderer1.orderer.gov.local), or by a unique leading part (orderer1, peer0.publicsecurity, chaincode)`;

/** Parses `--name value` flags, allowing only the given names; INVALID_ARGUMENT otherwise. */
function flags(rest: string[], allowed: string[]): { positional: string[]; values: Map<string, string> } {
  const positional: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (!allowed.includes(name)) throw new NetworkError('INVALID_ARGUMENT', `unknown flag --${name}`, HELP);
    const value = inline ?? rest[++i];
    if (value === undefined) throw new NetworkError('INVALID_ARGUMENT', `--${name} needs a value`, HELP);
    values.set(name, value);
  }
  return { positional, values };
}

function oneNode(positional: string[], cmd: string): string {
  if (positional.length !== 1) throw new NetworkError('INVALID_ARGUMENT', `${cmd} takes exactly one node name`, HELP);
  return positional[0]!;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'up':
      // --org: this host runs only that org's nodes (departments on their own hosts, docs/deployment.md).
      Object.assign(process.env, upEnvironment(parseUpArgs(rest, loadTopology())));
      await up();
      return 0;
    case 'stop':
      await stop();
      return 0;
    case 'down':
      await down();
      return 0;
    case 'status': {
      const t = loadTopology();
      const state = readState();
      if (!state) {
        console.log('[network] not running (no state file); start it with: npm run network:up');
        return 3;
      }
      if (state.stoppedAt) {
        console.log(`[network] stopped at ${state.stoppedAt} with its data kept; restart it with: npm run network:up`);
        return 3;
      }
      const rows = await collectStatus(t, toolchain(), state);
      console.log(formatTable(rows));
      return rows.every((r) => r.health === 'ok') && state.ready ? 0 : 1;
    }
    case 'logs':
      return printLogs(Number(rest[0] ?? 20));
    case 'kill': {
      const f = flags(rest, ['signal']);
      const signal = f.values.get('signal') ?? 'SIGKILL';
      if (signal !== 'SIGKILL' && signal !== 'SIGTERM') throw new NetworkError('INVALID_ARGUMENT', '--signal must be SIGKILL or SIGTERM', HELP);
      await killNode(oneNode(f.positional, 'kill'), { signal, log: console.log });
      return 0;
    }
    case 'restart':
      await restartNode(oneNode(flags(rest, []).positional, 'restart'), { log: console.log });
      return 0;
    case 'leader': {
      const leader = await raftLeader();
      console.log(leader ?? '[network] no Raft leader right now');
      return leader ? 0 : 1;
    }
    case 'soak': {
      const f = flags(rest, ['cycles']);
      const cycles = Number(f.values.get('cycles') ?? 1);
      if (f.positional.length > 0 || !Number.isInteger(cycles) || cycles < 1 || cycles > 1000) {
        throw new NetworkError('INVALID_ARGUMENT', '--cycles must be a whole number between 1 and 1000', HELP);
      }
      const results = await soak(cycles);
      return results.every((r) => r.ok) ? 0 : 1;
    }
    case 'toolchain': {
      const tc = await ensureToolchain();
      const missing = missingParts(tc);
      console.log(`[toolchain] ${tc.binDir}: ${missing.length === 0 ? 'complete' : `missing ${missing.join(', ')}`}`);
      return missing.length === 0 ? 0 : 1;
    }
    case 'operator:add':
      await addOperator(rest);
      return 0;
    case 'restart-chaincode':
      await restartChaincode();
      return 0;
    case 'compose':
      console.log(`[network] wrote ${writeCompose(loadTopology())} (the compose driver writes it on every start: GOVCHAIN_DRIVER=compose, npm run compose:up)`);
      return 0;
    case 'help':
      console.log(USAGE);
      return 0;
    default:
      console.error(cmd ? `unknown command "${cmd}"\n${USAGE}` : USAGE);
      return 2;
  }
}

async function printLogs(lines: number): Promise<number> {
  if (!Number.isInteger(lines) || lines < 1 || lines > 100_000) {
    console.error('[network] INVALID_ARGUMENT: logs takes a line count between 1 and 100000');
    return 2;
  }
  const state = readState();
  if (!state) {
    console.log('[network] not running; no logs');
    return 3;
  }
  await driver().logs(loadTopology(), state, lines);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof NetworkError) {
      console.error(`[network] ${err.key}: ${err.message}`);
      if (err instanceof NetworkError && err.hint) console.error(`[network] next: ${err.hint}`);
    } else {
      console.error('[network] unexpected failure:', err);
    }
    process.exit(err instanceof NetworkError && err.key === 'INVALID_ARGUMENT' ? 2 : 1);
  },
);
