// Writes bench/results/<timestamp>.json and regenerates the table in docs/performance.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const START = '<!-- bench:table:start -->';
const END = '<!-- bench:table:end -->';

/** Goals of issues 4 and 13: [id, measure, goal text, test(value) -> met]. */
export const GOALS = [
  ['P1', 'committed registrations/s through REST at the plateau (identity + business + copyright mixed; an identity registration = 2 transactions)', '≥ 250', (v) => v >= 250],
  ['P2', 'REST TPS ÷ direct client TPS (Caliper), Business:Register, at the REST plateau concurrency', '≥ 0.95', (v) => v >= 0.95],
  ['P2b', 'p99 latency the REST layer adds (ms; REST − direct client, one client each)', '≤ 10', (v) => v <= 10],
  ['P3', 'p99 submit latency ÷ BatchTimeout at 50 % of the REST Business:Register plateau', '≤ 2.0', (v) => v <= 2],
  ['P4', 'evaluate plateau ÷ submit plateau (REST, Business:Get ÷ Business:Register)', '≥ 3', (v) => v >= 3],
  ['P4b', 'p99 of a single-record read (ms, REST)', '≤ 50', (v) => v <= 50],
  ['P5', '50-entry audit page time, large ÷ small ledger', '≤ 1.3', (v) => v <= 1.3],
  ['P5b', '50-entry audit page time at the large ledger (ms, p50, REST)', '≤ 100', (v) => v <= 100],
  ['P6', 'CPU ms of all SUT processes per committed tx at the P1 plateau (idle background included; reported apart)', '≤ 6', (v) => v <= 6],
  ['P7', 's from `npm start` to the first accepted request', '≤ 60', (v) => v <= 60],
  ['P8', 'REST Business:Register plateau ÷ direct System:Probe plateau (overhead over Fabric\'s floor, same run)', '≥ 0.9', (v) => v >= 0.9],
  ['P9', 'direct System:Probe plateau (tx/s; Fabric\'s floor on this machine; 1.5 × the ≈ 250 of issue 13)', '≥ 375', (v) => v >= 375],
];

/** Adds goal and met to each figure value. */
export function figuresWithGoals(values) {
  return Object.fromEntries(GOALS.map(([id, measure, goal, met]) => {
    const f = values[id] ?? { value: null };
    return [id, { measure, goal, ...f, met: typeof f.value === 'number' ? met(f.value) : null }];
  }));
}

export function writeResults(root, results) {
  const dir = resolve(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

const cell = (f) => (f.value === null || f.value === undefined ? `not measured${f.note ? ` (${f.note})` : ''}` : `${f.value}${f.label ? ` (${f.label})` : ''}`);

/** Markdown table of every sweep: one row per round, the plateau row in bold. */
export function sweepTables(sweeps) {
  const out = [];
  for (const [id, s] of Object.entries(sweeps)) {
    const p = s.plateau;
    out.push(`**${id}** (${s.label}${s.figure ? `; ${s.figure}` : ''}): plateau ${p ? `${p.rate} ${s.unit} at ${p.concurrency} clients (knee ${p.kneeConcurrency}), p50 ${p.p50Ms} / p99 ${p.p99Ms} ms${p.reached ? '' : ', **still growing**'}` : 'none'}; stopped: ${s.stoppedBecause}.`, '');
    out.push(`| clients | ${s.unit} | committed tx/s | p50 ms | p99 ms | CPU ms per ${s.kind === 'read' ? 'read' : 'tx'} | failed | other processes CPU-s |`, '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of s.rounds) {
      const b = (x) => (p && r.concurrency === p.concurrency ? `**${x}**` : x);
      out.push(`| ${b(r.concurrency)} | ${b(r.rate)} | ${r.txPerS} | ${r.p50Ms} | ${r.p99Ms} | ${r.cpuMsPer} | ${r.failed} | ${r.cpu.otherProcessesS} |`);
    }
    out.push('');
  }
  return out;
}

/** One line on how shared the host was during the run. */
export function hostLine(host) {
  const o = host.otherProcesses;
  const top = o.top.slice(0, 3).map((t) => `${t.name} ${t.cpuS} s`).join(', ');
  return `Host load during the run: load average (1 min) ${host.loadAvg1.min}–${host.loadAvg1.max} (mean ${host.loadAvg1.mean}); other processes used ${o.cores} cores on average (${o.cpuS} CPU-s over ${host.seconds} s${top ? `; most: ${top}` : ''}) — ${host.contaminated ? '**CONTAMINATED**: the figures are lower than this machine can do alone' : 'quiet host'}.`;
}
/** Regenerates the table between the markers in docs/performance.md. */
export function updateDoc(root, results, file) {
  const doc = resolve(root, 'docs/performance.md');
  const text = readFileSync(doc, 'utf8');
  const i = text.indexOf(START);
  const j = text.indexOf(END);
  if (i < 0 || j < i) throw new Error('docs/performance.md lacks the bench table markers');
  const m = results.machine;
  const rows = Object.entries(results.figures).map(([id, f]) => `| ${id} | ${f.measure} | ${f.goal} | ${cell(f)} | ${f.met === null ? '–' : f.met ? 'yes' : 'no'} |`);
  const table = [
    START,
    `Latest run: \`${file.slice(root.length + 1)}\` (${results.mode}, ${results.startedAt}); ${m.cores} cores ${m.cpuModel}, Node ${m.node}, commit ${m.commit.slice(0, 7)}${m.dirty ? ' + uncommitted changes' : ''}; BatchTimeout ${results.topology.batch.batchTimeout}, MaxMessageCount ${results.topology.batch.maxMessageCount}.`,
    '',
    '| id | measure | goal | measured | met |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...results.notes.map((n) => `- ${n}`),
    ...(results.charts?.doc ? ['', `![throughput vs concurrency](${results.charts.doc})`, ''] : []),
    ...(results.sweeps ? ['', '#### Sweeps of this run', '', ...sweepTables(results.sweeps)] : []),
    END,
  ].join('\n');
  writeFileSync(doc, text.slice(0, i) + table + text.slice(j + END.length));
}
