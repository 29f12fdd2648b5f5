import { createServer } from 'node:net';
import { NetworkError } from './errors';
import { driverName, runsEverything } from './placement';
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
  // Containers bind in their own network namespaces; a department's host checks each node as it starts it.
  if (driverName() === 'compose' || !runsEverything(t)) return;
  await assertFree(t.host, allPorts(t).filter(([label]) => !skip(label)));
}

/** A node's ports and the addresses it binds them on (service ports, and operations/admin ports). */
export interface NodeBinding {
  ports: Array<[string, number]>;
  hosts: { service: string; ops: string };
}

/** PORT_IN_USE unless every port the nodes bind is free on its address; nothing to check for containers. */
export async function assertNodesFree(nodes: NodeBinding[], graceMs = 0): Promise<void> {
  if (driverName() === 'compose') return;
  const byHost = new Map<string, Array<[string, number]>>();
  for (const n of nodes) {
    for (const [label, port] of n.ports) {
      const host = /operations|admin/.test(label) ? n.hosts.ops : n.hosts.service;
      byHost.set(host, [...(byHost.get(host) ?? []), [label, port]]);
    }
  }
  for (const [host, ports] of byHost) await assertFree(host, ports, graceMs);
}

/**
 * Fails with PORT_IN_USE naming every busy port of the given [label, port] pairs. With `graceMs`, busy ports are
 * polled for that long first: a node that just exited can hold its sockets a moment longer (its main thread is
 * already a zombie while the others are torn down).
 */
export async function assertFree(host: string, ports: Array<[string, number]>, graceMs = 0): Promise<void> {
  const deadline = Date.now() + graceMs;
  let busy: string[] = [];
  for (;;) {
    busy = [];
    for (const [label, port] of ports) {
      if (!(await portFree(host, port))) busy.push(`${port} (${label})`);
    }
    if (busy.length === 0 || Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (busy.length > 0) {
    throw new NetworkError(
      'PORT_IN_USE',
      `port${busy.length > 1 ? 's' : ''} already in use: ${busy.join(', ')}`,
      'stop whatever listens there (ss -ltnp shows it), or change the ports in network/topology.json',
    );
  }
}
