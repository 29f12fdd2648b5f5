// P7: seconds from `npm start` to the first accepted request. It starts the whole network, so it runs only
// when asked (--p7) and only when no network is running: it never restarts a network someone else uses.
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { readState, alive } from '@govchain/network';
import { request } from './rest.mjs';

/** Runs `npm start` detached (left running), polls the service-centre gateway until a request is accepted. */
export async function p7({ root, port, timeoutMs = 10 * 60_000, log }) {
  const state = readState();
  if (state && state.processes.some((p) => alive(p.pid))) {
    return { skipped: 'a network is running; P7 needs a stopped network (run `npm run network:down` first when nobody uses it)' };
  }
  const logPath = resolve(root, 'bench/results/p7-npm-start.log.tmp');
  const fd = openSync(logPath, 'w');
  const t0 = performance.now();
  // Same per-operator rate limit as the gateways the bench starts itself, so later rounds are not capped at 10 req/s.
  const env = { ...process.env, GOVCHAIN_RATE_LIMIT_PER_MINUTE: '1000000' };
  const child = spawn('npm', ['start'], { cwd: root, detached: true, stdio: ['ignore', fd, fd], env });
  closeSync(fd);
  child.unref();
  log(`[bench] P7: npm start (pid ${child.pid}), log ${logPath}`);
  const deadline = t0 + timeoutMs;
  while (performance.now() < deadline) {
    try {
      const r = await request(port, 'GET', '/ready', { timeoutMs: 1000 });
      if (r.status === 200) return { seconds: Math.round(performance.now() - t0) / 1000, probe: `GET http://127.0.0.1:${port}/ready -> 200`, npmStartPid: child.pid, log: logPath };
    } catch {
      // not yet
    }
    if (child.exitCode !== null && child.exitCode !== 0) return { error: `npm start exited with ${child.exitCode}`, log: logPath };
    await new Promise((r) => setTimeout(r, 250));
  }
  return { error: `no accepted request within ${timeoutMs / 1000} s`, log: logPath };
}
