// CPU seconds (utime + stime from /proc/<pid>/stat) of whole process groups, so a node's children count too.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ on Linux

function stat(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // fields after "comm": state(0) ppid(1) pgrp(2) ... utime(11) stime(12)
    return { pgrp: Number(f[2]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return undefined;
  }
}

/** CPU seconds per named process (its whole process group, or the pid alone when it leads none). */
export function cpuSnapshot(procs) {
  const byGroup = new Map();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const s = stat(Number(e));
    if (s) byGroup.set(s.pgrp, (byGroup.get(s.pgrp) ?? 0) + s.ticks);
  }
  const out = {};
  for (const p of procs) {
    const group = byGroup.get(p.pid);
    out[p.name] = { kind: p.kind, seconds: (group ?? stat(p.pid)?.ticks ?? 0) / TICKS };
  }
  return out;
}

/** Per-kind, per-node and total CPU seconds spent between two snapshots. */
export function cpuDelta(before, after) {
  const byKind = {};
  const byNode = {};
  let total = 0;
  for (const [name, a] of Object.entries(after)) {
    const d = a.seconds - (before[name]?.seconds ?? a.seconds);
    byKind[a.kind] = Math.round(((byKind[a.kind] ?? 0) + d) * 100) / 100;
    byNode[name] = Math.round(d * 100) / 100;
    total += d;
  }
  return { totalS: Math.round(total * 100) / 100, byKind, byNode };
}

/** This bench process's own CPU seconds (the load generator, reported but not counted toward P6). */
export const selfCpuS = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Busy CPU seconds of the whole machine (all processes, from /proc/stat), to show how shared the host was. */
export function machineBusyS() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return (f.reduce((a, b) => a + b, 0) - idle) / TICKS;
}
