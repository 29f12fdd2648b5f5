import { request } from 'node:http';
import { NetworkError } from './errors';

/**
 * The few Docker Engine API calls the compose driver needs that docker-compose does not print: a container's state
 * (its main process id on this host, running or not). Works against a Docker engine and against `podman system
 * service` alike (DOCKER_HOST=unix://<socket>; default /var/run/docker.sock).
 */

/** The Unix socket of the Docker API in use; DOCKER_HOST must be a unix:// address. */
export function dockerSocket(): string {
  const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  if (!host.startsWith('unix://')) {
    throw new NetworkError('INVALID_ARGUMENT', `DOCKER_HOST=${host}: only a unix:// socket is supported`, 'point DOCKER_HOST at the engine\'s Unix socket, e.g. unix:///var/run/docker.sock');
  }
  return host.slice('unix://'.length);
}

/** GET one path of the Docker API; resolves the parsed JSON body, rejects on a non-2xx status or after timeoutMs. */
export function dockerGet<T>(path: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: dockerSocket(), path, method: 'GET', timeout: timeoutMs }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => {
        if ((res.statusCode ?? 500) >= 300) return reject(new NetworkError('CONTAINER_API_FAILED', `Docker API GET ${path}: HTTP ${res.statusCode} ${body.slice(0, 200)}`));
        try {
          resolve(JSON.parse(body) as T);
        } catch (err) {
          reject(new NetworkError('CONTAINER_API_FAILED', `Docker API GET ${path}: not JSON`, undefined, err));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => reject(new NetworkError('CONTAINER_API_FAILED', `Docker API at ${dockerSocket()}: ${err.message}`,
      'is the engine running? Docker: systemctl start docker; podman: podman system service (see docs/deployment.md)', err)));
    req.end();
  });
}

/** What the engine says about one container. */
export interface ContainerState {
  id: string;
  running: boolean;
  /** Its main process on this host (0 when not running). */
  pid: number;
}

/** The state of a container by id or name. */
export async function containerState(id: string): Promise<ContainerState> {
  const c = await dockerGet<{ Id: string; State: { Running: boolean; Pid: number } }>(`/containers/${encodeURIComponent(id)}/json`);
  return { id: c.Id, running: c.State.Running, pid: c.State.Pid };
}

/** Names of the containers, volumes and networks that carry the compose project's label (all, running or not). */
export async function projectResources(project: string): Promise<{ containers: string[]; volumes: string[]; networks: string[] }> {
  const filter = encodeURIComponent(JSON.stringify({ label: [`com.docker.compose.project=${project}`] }));
  const [containers, volumes, networks] = await Promise.all([
    dockerGet<Array<{ Names: string[] }>>(`/containers/json?all=true&filters=${filter}`),
    dockerGet<{ Volumes: Array<{ Name: string }> | null }>(`/volumes?filters=${filter}`),
    dockerGet<Array<{ Name: string }>>(`/networks?filters=${filter}`),
  ]);
  return {
    containers: containers.map((c) => c.Names[0] ?? '?'),
    volumes: (volumes.Volumes ?? []).map((v) => v.Name),
    networks: networks.map((n) => n.Name),
  };
}
