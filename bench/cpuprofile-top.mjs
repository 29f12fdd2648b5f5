#!/usr/bin/env node
// Summarises a V8 .cpuprofile (node --cpu-prof): self time by package (or project folder) and the top functions.
// usage: node bench/cpuprofile-top.mjs <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/cpuprofile-top.mjs <file.cpuprofile> [top=25]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const selfUs = new Map();
const dt = profile.timeDeltas ?? [];
for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));

/** Where a frame's code lives: an npm package, a project folder (chaincode/src/core…), node internals, or a V8 pseudo-frame. */
function owner(url, name) {
  if (!url) return name.startsWith('(') ? name : `(${name || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node internals';
  const project = /\/(chaincode|gateway|network)\/dist\/([^/]+)/.exec(url);
  return project ? `${project[1]}/${project[2]}` : url;
}

const byOwner = new Map();
const byFn = new Map();
let total = 0;
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (us === 0) continue;
  total += us;
  const { functionName, url, lineNumber } = node.callFrame;
  const o = owner(url, functionName);
  byOwner.set(o, (byOwner.get(o) ?? 0) + us);
  const fn = `${functionName || '(anonymous)'} ${url ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : ''}`;
  byFn.set(fn, (byFn.get(fn) ?? 0) + us);
}
const busy = total - (byOwner.get('(idle)') ?? 0);
const pct = (us) => `${((us / busy) * 100).toFixed(1).padStart(5)} %`;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (percentages are of busy time)`);
const print = (title, m) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...m.entries()].filter(([k]) => k !== '(idle)').sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${pct(us)}  ${k}`);
};
print('self time by package / folder', byOwner);
print('self time by function', byFn);
