import { createServer } from 'node:net';
import { NetworkError } from './errors';
import { allPorts, Topology } from './topology';

/** Resolves true if nothing listens on host:port (we could bind it ourselves). */
export function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** Fails with PORT_IN_USE naming every busy port and the node that needs it. */
export async function assertPortsFree(t: Topology, skip: (label: string) => boolean = () => false): Promise<void> {
  const busy: string[] = [];
  for (const [label, port] of allPorts(t)) {
    if (skip(label)) continue;
    if (!(await portFree(t.host, port))) busy.push(`${port} (${label})`);
  }
  if (busy.length > 0) {
    throw new NetworkError(
      'PORT_IN_USE',
      `port${busy.length > 1 ? 's' : ''} already in use: ${busy.join(', ')}`,
      'stop whatever listens there (ss -ltnp shows it), or change the ports in network/topology.json',
    );
  }
}
