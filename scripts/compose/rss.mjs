#!/usr/bin/env node
// Resident memory of a running deployment, for the native/compose comparison in docs/deployment.md:
//   GOVCHAIN_DRIVER=native|compose node scripts/compose/rss.mjs
// Nodes: each node's main process and its children (from the deployment's state.json). Machinery: for compose, the
// conmon that supervises each container and the podman API service; the native network has none.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function table() {
  const rows = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' }).stdout.trim().split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  return { rss: new Map(rows.map(([pid, , rss]) => [pid, rss])), ppid: new Map(rows.map(([pid, ppid]) => [pid, ppid])), rows };
}

/** kB of the pids and all their descendants. */
function tree(t, pids) {
  const seen = new Set();
  const walk = (pid) => {
    if (seen.has(pid)) return 0;
    seen.add(pid);
    return (t.rss.get(pid) ?? 0) + t.rows.filter(([, ppid]) => ppid === pid).reduce((k, [c]) => k + walk(c), 0);
  };
  return pids.reduce((k, p) => k + walk(p), 0);
}

/** RSS in MiB of the deployment's nodes, by kind, and of the container machinery. */
export function rssReport(driver = process.env.GOVCHAIN_DRIVER ?? 'native') {
  const dir = process.env.GOVCHAIN_NETWORK_DATA ?? join(root, 'network', driver === 'compose' ? '.data-compose' : '.data');
  const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
  const t = table();
  const byKind = {};
  for (const p of state.processes) byKind[p.kind] = (byKind[p.kind] ?? 0) + tree(t, [p.pid]) / 1024;
  const nodes = Object.values(byKind).reduce((a, b) => a + b, 0);
  let machinery = 0;
  if (driver === 'compose') {
    const conmons = state.processes.map((p) => t.ppid.get(p.pid)).filter((p) => p && p > 1);
    const pidFile = '/run/govchain-podman/service.pid';
    const service = existsSync(pidFile) ? [Number(readFileSync(pidFile, 'utf8'))] : [];
    machinery = [...conmons, ...service].reduce((k, p) => k + (t.rss.get(p) ?? 0), 0) / 1024;
  }
  const round = (x) => Math.round(x);
  return { driver, nodes: state.processes.length, nodesMiB: round(nodes), byKindMiB: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, round(v)])), machineryMiB: round(machinery), totalMiB: round(nodes + machinery) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(rssReport()));
