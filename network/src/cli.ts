#!/usr/bin/env node
import { readFileSync, existsSync } from 'node:fs';
import { writeCompose } from './compose';
import { restartChaincode } from './chaincode-restart';
import { addOperator } from './operator-add';
import { down } from './down';
import { NetworkError } from './errors';
import { paths } from './paths';
import { readState } from './processes';
import { collectStatus, formatTable } from './status';
import { loadTopology, TopologyError } from './topology';
import { ensureToolchain, missingParts, toolchain } from './toolchain';
import { up } from './up';

const USAGE = `usage: node network/dist/cli.js <command>
  up           bring the network up (idempotent)
  down         stop every process and remove generated data
  status       table of nodes: port, health, ledger height
  logs [N]     last N lines (default 20) of every node's log
  toolchain    build or locate the Fabric binaries
  compose      regenerate network/docker/ from the topology
  operator:add --org <org> --operator <id> --role <role> [--secret-file f] [--gateway-held-key]   register an operator (one-time enrolment ticket)
  restart-chaincode   restart the chaincode server on rebuilt code`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'up':
      await up();
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
      const rows = await collectStatus(t, toolchain(), state);
      console.log(formatTable(rows));
      return rows.every((r) => r.health === 'ok') && state.ready ? 0 : 1;
    }
    case 'logs':
      return printLogs(Number(rest[0] ?? 20));
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
      for (const f of writeCompose(loadTopology())) console.log(`[network] wrote ${f}`);
      return 0;
    default:
      console.error(cmd ? `unknown command "${cmd}"\n${USAGE}` : USAGE);
      return 2;
  }
}

function printLogs(lines: number): number {
  if (!Number.isInteger(lines) || lines < 1 || lines > 100_000) {
    console.error('[network] INVALID_ARGUMENT: logs takes a line count between 1 and 100000');
    return 2;
  }
  const state = readState();
  if (!state) {
    console.log('[network] not running; no logs');
    return 3;
  }
  for (const p of state.processes) {
    console.log(`==> ${p.name} (${paths.log(p.name)}) <==`);
    if (existsSync(p.log)) console.log(readFileSync(p.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n'));
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof NetworkError || err instanceof TopologyError) {
      console.error(`[network] ${err.key}: ${err.message}`);
      if (err instanceof NetworkError && err.hint) console.error(`[network] next: ${err.hint}`);
    } else {
      console.error('[network] unexpected failure:', err);
    }
    process.exit(1);
  },
);
