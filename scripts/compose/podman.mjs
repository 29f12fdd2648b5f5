// A Docker API for docker-compose on a host without a Docker engine: `podman system service` on a socket of our own,
// with network/podman/containers.conf (runc, cgroupfs, no default ulimits, netavark). On a Docker host (DOCKER_HOST
// set, or /var/run/docker.sock present) nothing is started and that engine is used.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CONTAINERS_CONF = resolve(root, 'network', 'podman', 'containers.conf');
const RUN_DIR = '/run/govchain-podman';
const SOCKET = `${RUN_DIR}/podman.sock`;
const PID_FILE = `${RUN_DIR}/service.pid`;

/** The environment podman and docker-compose run with when podman serves the API. */
export const podmanEnv = () => ({ ...process.env, CONTAINERS_CONF, DOCKER_HOST: `unix://${SOCKET}`, GOVCHAIN_CONTAINER_ENGINE: 'podman' });

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** True when the API answers GET /_ping on our socket within a second. */
const ping = () => new Promise((resolve) => {
  const req = request({ socketPath: SOCKET, path: '/_ping', timeout: 1000 }, (res) => {
    res.resume();
    resolve(res.statusCode === 200);
  });
  req.on('timeout', () => req.destroy());
  req.on('error', () => resolve(false));
  req.end();
});

/** Runs podman with our containers.conf; returns stdout, throws with its stderr on a non-zero exit. */
export function podman(args, opts = {}) {
  const r = spawnSync('podman', args, { env: podmanEnv(), encoding: 'utf8', maxBuffer: 64 << 20, timeout: opts.timeoutMs ?? 600_000, input: opts.input });
  if (r.status !== 0) throw new Error(`podman ${args.slice(0, 3).join(' ')}: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' | ')}`);
  return r.stdout;
}

/** True when a Docker engine is there to use instead of podman. */
export const dockerEngine = () => Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');

/**
 * Makes sure a Docker API answers and returns the environment for docker-compose. Starts the podman service when
 * there is no Docker engine (its pid in /run/govchain-podman/service.pid; stopPodmanService ends it).
 */
export async function ensureDockerApi(log = console.log) {
  if (dockerEngine()) return { ...process.env };
  const which = spawnSync('podman', ['--version'], { encoding: 'utf8' });
  if (which.status !== 0) throw new Error('neither a Docker engine (DOCKER_HOST, /var/run/docker.sock) nor podman: apt-get install podman runc docker-compose (docs/deployment.md)');
  mkdirSync(RUN_DIR, { recursive: true, mode: 0o700 });
  const old = existsSync(PID_FILE) ? Number(readFileSync(PID_FILE, 'utf8')) : 0;
  if (!(old && alive(old))) {
    rmSync(SOCKET, { force: true });
    const child = spawn('podman', ['system', 'service', '--time=0', `unix://${SOCKET}`], { env: podmanEnv(), detached: true, stdio: 'ignore' });
    child.unref();
    writeFileSync(PID_FILE, String(child.pid));
    log(`[compose] started podman system service (pid ${child.pid}) on ${SOCKET}`);
  }
  for (let i = 0; i < 100; i++) {
    if (await ping()) return podmanEnv();
    await sleep(100);
  }
  throw new Error(`podman system service did not answer on ${SOCKET} within 10 s`);
}

/** Stops the podman service this script started (if any) and removes its socket. */
export async function stopPodmanService(log = console.log) {
  if (!existsSync(PID_FILE)) return;
  const pid = Number(readFileSync(PID_FILE, 'utf8'));
  if (pid && alive(pid)) {
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
    log(`[compose] stopped podman system service (pid ${pid})`);
  }
  rmSync(RUN_DIR, { recursive: true, force: true });
}
