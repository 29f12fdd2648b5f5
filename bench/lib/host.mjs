// Host load during a bench run, so a contaminated run is visible: the load average sampled through the run, and
// the CPU that processes outside the system under test (SUT) and outside the bench used, named by command and
// working directory (another worktree's Fabric network shows up as peer/orderer/node processes under /work/wt/...).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { loadavg } from 'node:os';
import { clearInterval, setInterval } from 'node:timers';
import { machineBusyS } from './cpu.mjs';

const TICKS = 100; // USER_HZ on Linux

/** Every process: pid → { pgrp, ppid, comm, ticks }. */
function processTable() {
  const out = new Map();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const s = readFileSync(`/proc/${e}/stat`, 'utf8');
      const comm = s.slice(s.indexOf('(') + 1, s.lastIndexOf(')'));
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      out.set(Number(e), { ppid: Number(f[1]), pgrp: Number(f[2]), comm, ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended between readdir and read
    }
  }
  return out;
}

const cwdOf = (pid) => {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return '?';
  }
};

/** True when `pid` is this bench process or one of its descendants (Caliper, token CLI). */
function isBench(table, pid) {
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    if (p === process.pid) return true;
    p = table.get(p)?.ppid ?? 0;
  }
  return false;
}

/** Share of CPU (in cores) above which a run counts as contaminated: a tenth of a core used by other work. */
export const CONTAMINATION_CORES = 0.1;

/**
 * Starts sampling; `sutPids()` names the SUT's process-group leaders (they may change when the bench starts the
 * network). `stop()` returns load-average statistics and the other processes' CPU over the whole window.
 */
export function hostMonitor(sutPids, { everyMs = 2000 } = {}) {
  const t0 = Date.now();
  const first = processTable();
  const busy0 = machineBusyS();
  const samples = [];
  const sample = () => samples.push({ t: Math.round((Date.now() - t0) / 100) / 10, load1: loadavg()[0] });
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    /** Other processes' CPU seconds so far (for a window: call twice and subtract). */
    otherCpuS: () => otherCpu(first, sutPids()).totalS,
    stop() {
      clearInterval(timer);
      sample();
      const seconds = (Date.now() - t0) / 1000;
      const others = otherCpu(first, sutPids());
      const loads = samples.map((s) => s.load1);
      const machineS = machineBusyS() - busy0;
      return {
        seconds: Math.round(seconds),
        loadAvgStart: samples[0]?.load1 ?? null,
        loadAvg1: { min: Math.min(...loads), mean: Math.round((loads.reduce((a, b) => a + b, 0) / loads.length) * 100) / 100, max: Math.max(...loads) },
        machineBusyCores: Math.round((machineS / seconds) * 100) / 100,
        otherProcesses: { cpuS: others.totalS, cores: Math.round((others.totalS / seconds) * 100) / 100, top: others.top },
        contaminated: others.totalS / seconds > CONTAMINATION_CORES,
        samples,
      };
    },
  };
}

/** CPU seconds since `first` of every process that is neither in a SUT process group nor the bench's own tree. */
function otherCpu(first, sutLeaders) {
  const sut = new Set(sutLeaders.map((p) => p.pid));
  const now = processTable();
  const byName = new Map();
  let total = 0;
  for (const [pid, p] of now) {
    if (sut.has(p.pgrp) || sut.has(pid) || isBench(now, pid)) continue;
    const before = first.get(pid);
    // A process that started during the window counts from zero; one that ended is missed (reported as such).
    const d = (p.ticks - (before && before.comm === p.comm ? before.ticks : 0)) / TICKS;
    if (d <= 0) continue;
    total += d;
    const key = `${p.comm} (${cwdOf(pid)})`;
    byName.set(key, (byName.get(key) ?? 0) + d);
  }
  const top = [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, s]) => ({ name, cpuS: Math.round(s * 100) / 100 }));
  return { totalS: Math.round(total * 100) / 100, top };
}
