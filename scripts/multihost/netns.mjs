// Test hosts on one machine: one Linux network namespace per address of a hosts overlay, each joined by a veth pair
// to one bridge on the overlay's private subnet (the bridge's .1 is this machine's own address on it, where the
// test's clients connect from). Everything is named with one prefix so teardown removes exactly what setup made.
import { spawnSync } from 'node:child_process';

const PREFIX = 'gcmh';
export const BRIDGE = `${PREFIX}br`;

/** Runs a command; throws with its output when it fails (unless `ok` is set: then returns false). */
export function sh(cmd, args, { ok = false, timeout = 30_000 } = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout });
  if (r.status === 0) return r.stdout;
  if (ok) return false;
  throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr || r.stdout || '').trim()}`);
}

/** The test hosts of an overlay: one per org with an address, in overlay order. */
export function hostsOf(overlay) {
  return Object.entries(overlay.orgs).map(([org, { address }], i) => ({
    org, address, ns: `${PREFIX}${i}`, veth: `${PREFIX}${i}h`, inner: `${PREFIX}${i}n`,
  }));
}

/** The bridge's own address on the overlay's /24 (.1). */
export const bridgeAddress = (overlay) => overlay.subnet.replace(/\.0\/24$/, '.1');

/** Creates the bridge, the namespaces and their links; every host can reach the others and the bridge address. */
export function createHosts(overlay, hosts) {
  sh('ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
  sh('ip', ['addr', 'add', `${bridgeAddress(overlay)}/24`, 'dev', BRIDGE]);
  sh('ip', ['link', 'set', BRIDGE, 'up']);
  for (const h of hosts) {
    sh('ip', ['netns', 'add', h.ns]);
    sh('ip', ['link', 'add', h.veth, 'type', 'veth', 'peer', 'name', h.inner]);
    sh('ip', ['link', 'set', h.inner, 'netns', h.ns]);
    sh('ip', ['link', 'set', h.veth, 'master', BRIDGE]);
    sh('ip', ['link', 'set', h.veth, 'up']);
    sh('ip', ['-n', h.ns, 'link', 'set', 'lo', 'up']);
    sh('ip', ['-n', h.ns, 'addr', 'add', `${h.address}/24`, 'dev', h.inner]);
    sh('ip', ['-n', h.ns, 'link', 'set', h.inner, 'up']);
  }
}

/** Cuts a host off the network (its link to the bridge down), or brings it back. */
export function setLink(host, up) {
  sh('ip', ['link', 'set', host.veth, up ? 'up' : 'down']);
}

/** Pids of the processes inside a namespace (none when it does not exist). */
export function pidsIn(ns) {
  const out = sh('ip', ['netns', 'pids', ns], { ok: true });
  return out ? out.split('\n').map(Number).filter((p) => Number.isInteger(p) && p > 1) : [];
}

/**
 * Removes every namespace and link with the prefix (also those of an earlier, interrupted run): first SIGKILL to
 * the processes still inside our namespaces (only processes started inside them can be there), then the
 * namespaces (their veth ends go with them), then the bridge. Returns what was still there afterwards.
 */
export function removeHosts() {
  const ours = (sh('ip', ['netns', 'list'], { ok: true }) || '').split('\n').map((l) => l.split(' ')[0]).filter((n) => n?.startsWith(PREFIX));
  for (const ns of ours) {
    for (const pid of pidsIn(ns)) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
  }
  for (const ns of ours) sh('ip', ['netns', 'del', ns], { ok: true });
  const links = (sh('ip', ['-o', 'link', 'show'], { ok: true }) || '').split('\n').map((l) => l.split(': ')[1]?.split('@')[0]).filter((n) => n?.startsWith(PREFIX));
  for (const l of links) sh('ip', ['link', 'del', l], { ok: true });
  const leftNs = (sh('ip', ['netns', 'list'], { ok: true }) || '').split('\n').filter((l) => l.startsWith(PREFIX));
  const leftLinks = (sh('ip', ['-o', 'link', 'show'], { ok: true }) || '').split('\n').map((l) => l.split(': ')[1]?.split('@')[0]).filter((n) => n?.startsWith(PREFIX));
  return [...leftNs, ...leftLinks];
}
