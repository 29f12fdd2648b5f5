import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrapSecret } from './ca';
import { NodeDef, requirePackageId } from './catalogue';
import { subjectKeySecret } from './chaincode';
import { writeClientCaBundle } from './chaincode-tls';
import { composePath, containerView, projectName, writeCompose } from './compose';
import { containerState, projectResources } from './docker-api';
import { Driver } from './drivers';
import { NetworkError } from './errors';
import { exec } from './exec';
import { writeOrdererConfig, writePeerConfig } from './nodeconfig';
import { nodeHost, paths } from './paths';
import { ManagedProcess, alive } from './processes';
import { departments, ordererOrg, Topology } from './topology';
import { Toolchain } from './toolchain';


/** Runs docker-compose on the deployment's project (DOCKER_HOST as in the environment), with a time limit. */
export async function compose(t: Topology, args: string[], timeoutMs = 180_000): Promise<string> {
  try {
    return await exec('docker-compose', ['-p', projectName(t), '-f', composePath(), ...args], { cwd: paths.root(), timeoutMs });
  } catch (err) {
    if (err instanceof NetworkError && /cannot run docker-compose/.test(err.message)) {
      throw new NetworkError('COMPOSE_MISSING', 'docker-compose is not installed', 'install it (Debian: apt-get install docker-compose) and point DOCKER_HOST at a Docker API (docs/deployment.md)', err);
    }
    throw err;
  }
}

/** Writes what a container node reads before it starts: its config (container paths), secrets, the chaincode's TLS bundle. */
function prepare(t: Topology, tc: Toolchain, def: NodeDef, packageId: string | undefined): void {
  if (def.kind === 'orderer') {
    const oo = ordererOrg(t);
    writeOrdererConfig(t, tc, oo, oo.orderers.find((o) => nodeHost(o.name, oo.name, t.domain) === def.name)!, containerView);
  }
  if (def.kind === 'peer') {
    const dept = departments(t).find((o) => o.name === def.org)!;
    writePeerConfig(t, tc, dept, dept.peers.find((p) => nodeHost(p.name, dept.name, t.domain) === def.name)!, containerView);
  }
  if (def.kind === 'chaincode') {
    writeClientCaBundle(t);
    // docker-compose reads .env from the project directory: `docker-compose up` by hand starts the same service.
    writeFileSync(join(paths.root(), '.env'), `CHAINCODE_PACKAGE_ID=${requirePackageId({ t, tc, ...(packageId ? { packageId } : {}) })}\n`);
  }
}

/** The record of a started container: its main process on this host stands for it in state, status and faults. */
async function record(t: Topology, def: NodeDef): Promise<ManagedProcess> {
  // Only the id line: docker-compose may print warnings on the same stream.
  const id = (await compose(t, ['ps', '-q', def.name], 30_000)).split('\n').map((l) => l.trim()).find((l) => /^[0-9a-f]{12,64}$/.test(l)) ?? '';
  if (!id) throw new NetworkError('CONTAINER_NOT_STARTED', `docker-compose created no container for ${def.name}`, `see: docker-compose -f ${composePath()} logs ${def.name}`);
  const s = await containerState(id);
  if (!s.running) throw new NetworkError('CONTAINER_NOT_STARTED', `container of ${def.name} is not running`, `see: docker-compose -f ${composePath()} logs ${def.name}`);
  return {
    name: def.name, kind: def.kind, org: def.org, pid: s.pid, port: def.port, log: `docker-compose logs ${def.name}`, container: s.id,
    ...(def.healthUrl ? { healthUrl: def.healthUrl } : {}),
  };
}

/** The compose driver: every node a container of one compose project on its own bridge network. */
export const composeDriver: Driver = {
  name: 'compose',
  start: async (ctx, defs) => {
    if (defs.length === 0) return [];
    mkdirSync(paths.logs(), { recursive: true });
    writeCompose(ctx.t);
    // docker-compose checks every secret file the compose file names on every invocation: create them all first.
    for (const org of ctx.t.orgs) bootstrapSecret(org);
    subjectKeySecret();
    for (const d of defs) prepare(ctx.t, ctx.tc, d, ctx.packageId);
    // --no-deps: the steps start nodes in their own order; --force-recreate: a stopped container starts on the
    // current config (its volume keeps the ledger).
    await compose(ctx.t, ['up', '-d', '--no-deps', '--no-build', '--force-recreate', ...defs.map((d) => d.name)]);
    return Promise.all(defs.map((d) => record(ctx.t, d)));
  },
  running: (p) => alive(p.pid),
  stopAll: async (t, state, log) => {
    const up = (state?.processes ?? []).filter((p) => alive(p.pid)).length;
    await compose(t, ['stop', '-t', '15']).catch((err: unknown) => log(`[network] docker-compose stop: ${String(err).split('\n')[0]}`));
    return up;
  },
  removeAll: async (t, log) => {
    await compose(t, ['down', '-v', '--remove-orphans', '-t', '10'], 300_000).catch((err: unknown) => {
      log(`[network] docker-compose down: ${String(err).split('\n')[0]}`);
    });
    const left = await projectResources(projectName(t)).catch(() => undefined);
    if (left && left.containers.length + left.volumes.length + left.networks.length > 0) {
      throw new NetworkError('CONTAINERS_LEFT', `compose project ${projectName(t)} still has ${JSON.stringify(left)}`, 'remove them by hand: docker rm -f / docker volume rm / docker network rm');
    }
    log(`[network] removed the compose project ${projectName(t)} (containers, volumes, network)`);
  },
  logs: async (t, _state, lines) => {
    console.log(await compose(t, ['logs', '--no-color', '--tail', String(lines)], 60_000));
  },
};
