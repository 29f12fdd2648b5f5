// Writes bench/results/<timestamp>.json and regenerates the table in docs/performance.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const START = '<!-- bench:table:start -->';
const END = '<!-- bench:table:end -->';

/** Goals of issue 4: [id, measure, goal text, test(value) -> met]. */
export const GOALS = [
  ['P1', 'committed registrations/s through REST (identity + business + copyright)', '≥ 250', (v) => v >= 250],
  ['P2', 'REST TPS ÷ direct client TPS (Caliper), Business:Register, same concurrency', '≥ 0.95', (v) => v >= 0.95],
  ['P2b', 'p99 latency the REST layer adds (ms; REST − direct client, one client each)', '≤ 10', (v) => v <= 10],
  ['P3', 'p99 submit latency ÷ BatchTimeout at 50 % of saturated TPS', '≤ 2.0', (v) => v <= 2],
  ['P4', 'evaluate TPS ÷ submit TPS (REST)', '≥ 3', (v) => v >= 3],
  ['P4b', 'p99 of a single-record read (ms, REST)', '≤ 50', (v) => v <= 50],
  ['P5', '50-entry audit page time, large ÷ small ledger', '≤ 1.3', (v) => v <= 1.3],
  ['P5b', '50-entry audit page time at the large ledger (ms, p50, REST)', '≤ 100', (v) => v <= 100],
  ['P6', 'CPU ms of all SUT processes per committed tx', '≤ 10', (v) => v <= 10],
  ['P7', 's from `npm start` to the first accepted request', '≤ 60', (v) => v <= 60],
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
    END,
  ].join('\n');
  writeFileSync(doc, text.slice(0, i) + table + text.slice(j + END.length));
}
