#!/usr/bin/env node
// Prepares an older commit for a before/after comparison with TODAY's harness: a detached git worktree at the commit,
// this checkout's bench/ copied over its own (so both sides are measured the same way and print the same figures),
// then `npm ci` and `npm run build` there. It starts nothing; it prints the command that measures that commit.
// usage: node bench/at-commit.mjs <commit> [--dir /tmp/govchain-at-<commit>]   e.g. node bench/at-commit.mjs 68e1350
// Then (the network of the current checkout must be down; the slot lock makes sure nobody else runs one):
//   (cd <dir> && RUN_LOCKED_SLOT=a /work/locks/run-locked node bench/run.mjs --quick --fresh --teardown)
// and the same command in the current checkout, alternately, for the "before" and "after" columns.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const fail = (key, message) => {
  console.error(`[at-commit] ${key}: ${message}`);
  process.exit(1);
};
let args;
try {
  args = parseArgs({ allowPositionals: true, options: { dir: { type: 'string' } } });
} catch (err) {
  fail('BENCH_BAD_FLAG', `${err.message}; usage: node bench/at-commit.mjs <commit> [--dir DIR]`);
}
const ref = args.positionals[0];
if (!ref || args.positionals.length > 1) fail('BENCH_BAD_FLAG', 'usage: node bench/at-commit.mjs <commit> [--dir DIR]');

const git = (argv, cwd = ROOT) => spawnSync('git', argv, { cwd, encoding: 'utf8' });
const rev = git(['rev-parse', '--verify', `${ref}^{commit}`]);
if (rev.status !== 0) fail('BENCH_BAD_COMMIT', `${ref} is not a commit of this repository (git rev-parse: ${rev.stderr.trim()})`);
const commit = rev.stdout.trim();
const dir = resolve(args.values.dir ?? `/tmp/govchain-at-${commit.slice(0, 7)}`);
const step = (s) => console.log(`[at-commit] ${s}`);

function run(cmd, argv, cwd, minutes) {
  step(`${relative(ROOT, cwd) || '.'}: ${cmd} ${argv.join(' ')}`);
  const r = spawnSync(cmd, argv, { cwd, stdio: 'inherit', timeout: minutes * 60_000 });
  if (r.status !== 0) fail('BENCH_AT_COMMIT_STEP', `${cmd} ${argv.join(' ')} failed in ${cwd} (exit ${r.status ?? r.signal}); fix it and run this command again`);
}

if (existsSync(dir)) {
  const head = git(['rev-parse', 'HEAD'], dir).stdout.trim();
  if (head !== commit) fail('BENCH_AT_COMMIT_DIR', `${dir} exists at ${head || 'no commit'}, not ${commit}; remove it (git worktree remove --force ${dir}) or pass --dir`);
  step(`reusing ${dir} (at ${commit.slice(0, 7)})`);
} else {
  run('git', ['worktree', 'add', '--detach', dir, commit], ROOT, 5);
}

// Today's harness over the commit's own bench/: results of earlier runs there are kept; installed tool dirs are linked.
const linked = ['caliper/node_modules', 'chart/node_modules'];
cpSync(resolve(ROOT, 'bench'), resolve(dir, 'bench'), {
  recursive: true,
  filter: (src) => {
    const rel = relative(resolve(ROOT, 'bench'), src);
    return !rel.startsWith('results') && !linked.some((l) => rel === l || rel.startsWith(`${l}/`));
  },
});
for (const l of linked) {
  const from = resolve(ROOT, 'bench', l);
  const to = resolve(dir, 'bench', l);
  if (existsSync(from) && !existsSync(to)) symlinkSync(from, to);
}
step(`copied bench/ from ${ROOT} (${git(['rev-parse', '--short', 'HEAD']).stdout.trim()}) over the commit's own`);

const marker = resolve(dir, '.govchain-at-commit-built');
if (!existsSync(marker) || readFileSync(marker, 'utf8').trim() !== commit) {
  rmSync(marker, { force: true });
  run('npm', ['ci', '--no-audit', '--no-fund'], dir, 15);
  run('npm', ['run', 'build'], dir, 15);
  writeFileSync(marker, `${commit}\n`);
} else {
  step('already installed and built');
}
step(`ready: ${dir} is ${commit.slice(0, 7)} with today's harness. Measure it (network of ${ROOT} down first):`);
console.log(`  (cd ${dir} && RUN_LOCKED_SLOT=a /work/locks/run-locked node bench/run.mjs --quick --fresh --teardown)`);
console.log(`  (cd ${ROOT} && RUN_LOCKED_SLOT=a /work/locks/run-locked node bench/run.mjs --quick --fresh --teardown)`);
console.log(`Remove it afterwards: git worktree remove --force ${dir}`);
