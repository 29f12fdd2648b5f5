// Throughput-vs-concurrency chart of a run's sweeps: a Vega spec rendered to SVG by vega (headless, no canvas)
// and to PNG by resvg. The libraries are pinned in bench/chart (not a workspace; installed on first use, like
// bench/caliper), so the root lockfile stays as it is.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const DIR = resolve(import.meta.dirname, '..', 'chart');

/** Installs bench/chart's pinned libraries (npm ci) when they are missing. */
export function ensureChartLibs(log) {
  if (existsSync(resolve(DIR, 'node_modules/vega/package.json')) && existsSync(resolve(DIR, 'node_modules/@resvg/resvg-js/package.json'))) return;
  log('[bench] installing the chart libraries (npm ci in bench/chart)');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: DIR, stdio: 'inherit', timeout: 5 * 60_000 });
  if (r.status !== 0) throw Object.assign(new Error('npm ci in bench/chart failed; run it by hand to see why'), { key: 'BENCH_CHART_LIBS' });
}

/** The Vega spec: one line per workload, rate (log) over offered concurrency (log 2); plateau points ringed. */
export function chartSpec(sweeps, { title, subtitle }) {
  const values = [];
  for (const [id, s] of Object.entries(sweeps)) {
    for (const r of s.rounds) values.push({ series: `${id} (${s.unit})`, concurrency: r.concurrency, rate: Math.max(r.rate, 0.1), plateau: s.plateau?.concurrency === r.concurrency });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: 720, height: 420, padding: 12, background: 'white',
    title: { text: title, subtitle, anchor: 'start', fontSize: 15, subtitleFontSize: 11 },
    data: [{ name: 'points', values }, { name: 'plateaus', source: 'points', transform: [{ type: 'filter', expr: 'datum.plateau' }] }],
    scales: [
      { name: 'x', type: 'log', base: 2, domain: { data: 'points', field: 'concurrency' }, range: 'width', nice: false, zero: false },
      { name: 'y', type: 'linear', domain: { data: 'points', field: 'rate' }, range: 'height', nice: true, zero: true },
      { name: 'color', type: 'ordinal', domain: { data: 'points', field: 'series' }, range: 'category' },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'offered concurrency (closed-loop clients)', values: [...new Set(values.map((v) => v.concurrency))].sort((a, b) => a - b), grid: true },
      { orient: 'left', scale: 'y', title: 'committed rate per second', grid: true },
    ],
    legends: [{ fill: 'color', stroke: 'color', orient: 'top-left', title: 'workload', offset: 8, labelLimit: 480, fillColor: 'rgba(255,255,255,0.85)', padding: 6 }],
    marks: [
      {
        type: 'group', from: { facet: { name: 'series', data: 'points', groupby: 'series' } },
        marks: [
          { type: 'line', from: { data: 'series' }, sort: { field: 'datum.concurrency' }, encode: { enter: { x: { scale: 'x', field: 'concurrency' }, y: { scale: 'y', field: 'rate' }, stroke: { scale: 'color', field: 'series' }, strokeWidth: { value: 2 } } } },
          { type: 'symbol', from: { data: 'series' }, encode: { enter: { x: { scale: 'x', field: 'concurrency' }, y: { scale: 'y', field: 'rate' }, fill: { scale: 'color', field: 'series' }, size: { value: 40 } } } },
        ],
      },
      { type: 'symbol', from: { data: 'plateaus' }, encode: { enter: { x: { scale: 'x', field: 'concurrency' }, y: { scale: 'y', field: 'rate' }, stroke: { value: 'black' }, fill: { value: 'transparent' }, size: { value: 220 }, strokeWidth: { value: 1.5 } } } },
      { type: 'text', from: { data: 'plateaus' }, encode: { enter: { x: { scale: 'x', field: 'concurrency' }, y: { scale: 'y', field: 'rate', offset: -12 }, text: { signal: "format(datum.rate, '.0f')" }, align: { value: 'center' }, fontSize: { value: 11 } } } },
    ],
  };
}

/** Renders the sweeps to a PNG file; returns its path (or throws with key BENCH_CHART). */
export async function writeChart(sweeps, file, labels) {
  const req = createRequire(resolve(DIR, 'package.json'));
  const vega = await import(pathToFileURL(req.resolve('vega')).href);
  const { Resvg } = req('@resvg/resvg-js');
  const view = new vega.View(vega.parse(chartSpec(sweeps, labels)), { renderer: 'none' });
  const svg = await view.toSVG(2);
  view.finalize();
  const png = new Resvg(svg, { background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  writeFileSync(file, png);
  return file;
}
