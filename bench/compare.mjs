#!/usr/bin/env node
// Before/after rows from bench results files (govchain-bench/2), for the write-path rule and the tuning log:
// P1, P6, P8, P9 and, per write workload at its plateau, the rate and the CPU ms per committed tx by node kind.
// usage: node bench/compare.mjs <before.json>... -- <after.json>...   (several files per side: alternated runs)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const argv = process.argv.slice(2);
const cut = argv.indexOf('--');
if (cut < 1 || cut === argv.length - 1) {
  console.error('[compare] BENCH_BAD_FLAG: usage: node bench/compare.mjs <before.json>... -- <after.json>...');
  process.exit(1);
}
const load = (f) => {
  const r = JSON.parse(readFileSync(f, 'utf8'));
  if (r.schema !== 'govchain-bench/2') {
    console.error(`[compare] BENCH_BAD_RESULTS: ${f} is ${r.schema ?? 'not a results file'}, not govchain-bench/2`);
    process.exit(1);
  }
  return { file: basename(f), r };
};
const sides = [argv.slice(0, cut).map(load), argv.slice(cut + 1).map(load)];
const mean = (xs) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);
const fig = (r, id) => r.figures?.[id]?.value ?? null;
const perKind = (r, id) => {
  const s = r.sweeps?.[id];
  const round = s?.rounds.find((x) => x.concurrency === s.plateau?.concurrency);
  if (!round?.committedTx) return null;
  return Object.fromEntries(Object.entries(round.cpu.byKind).filter(([k]) => k !== 'ca').map(([k, v]) => [k, Math.round((v * 1000 * 100) / round.committedTx) / 100]));
};

for (const [i, side] of sides.entries()) {
  for (const { file, r } of side) {
    const h = r.host;
    console.log(`${i ? 'after ' : 'before'} ${file}  commit ${r.machine.commit.slice(0, 7)}  load avg ${h.loadAvg1.mean}  machine busy ${h.machineBusyCores} cores  others ${h.otherProcesses.cores} cores${h.contaminated ? ' (contaminated)' : ''}`);
  }
}
const rows = [['P1 registrations/s', 'P1'], ['P6 CPU ms/tx', 'P6'], ['P8', 'P8'], ['P9 tx/s', 'P9']];
console.log('\n| figure | before | after | after ÷ before |\n| --- | --- | --- | --- |');
for (const [label, id] of rows) {
  const [b, a] = sides.map((s) => s.map(({ r }) => fig(r, id)).filter((v) => v !== null));
  const mb = mean(b);
  const ma = mean(a);
  console.log(`| ${label} | ${b.join(', ')}${b.length > 1 ? ` (mean ${mb})` : ''} | ${a.join(', ')}${a.length > 1 ? ` (mean ${ma})` : ''} | ${mb && ma ? (ma / mb).toFixed(2) : '–'} |`);
}
console.log('\n| workload at its plateau | before: rate @ clients, CPU ms/tx {by kind} | after |\n| --- | --- | --- |');
const ids = [...new Set(sides.flat().flatMap(({ r }) => Object.entries(r.sweeps ?? {}).filter(([, s]) => s.kind === 'write').map(([id]) => id)))];
for (const id of ids) {
  const cells = sides.map((s) => s.map(({ r }) => {
    const p = r.sweeps?.[id]?.plateau;
    return p ? `${p.rate} @ ${p.concurrency}, ${p.cpuMsPer} ${JSON.stringify(perKind(r, id)).replaceAll('"', '')}` : '–';
  }).join('; '));
  console.log(`| ${id} | ${cells[0]} | ${cells[1]} |`);
}
