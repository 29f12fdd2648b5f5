import { join } from 'node:path';
import { peerCcaasEnv } from './chaincode-tls';
import { nodeHost, paths } from './paths';
import { opsHost } from './placement';
import { ManagedProcess, startDetached } from './processes';
import { writeOrdererConfig, writePeerConfig } from './nodeconfig';
import { DepartmentOrg, OrdererOrg, Topology, nodeEnv } from './topology';
import { Toolchain } from './toolchain';
import { httpStatus, waitFor } from './wait';

/** A peer's or orderer's health endpoint. */
export const healthUrl = (t: Topology, node: string, opsPort: number): string => `http://${opsHost(t, node)}:${opsPort}/healthz`;

/** Starts one orderer with its own config dir, ledger and log. */
export function startOrderer(t: Topology, tc: Toolchain, org: OrdererOrg, o: OrdererOrg['orderers'][number]): ManagedProcess {
  const cfg = writeOrdererConfig(t, tc, org, o);
  return startDetached(
    { name: nodeHost(o.name, org.name, t.domain), kind: 'orderer', org: org.name, port: o.port, healthUrl: healthUrl(t, nodeHost(o.name, org.name, t.domain), o.opsPort) },
    tc.bin('orderer'), [], { env: nodeEnv(t, { FABRIC_CFG_PATH: cfg, FABRIC_LOGGING_SPEC: t.logging.orderer }) },
  );
}

/** Starts one peer with its own config dir, ledger and log. */
export function startPeer(t: Topology, tc: Toolchain, org: DepartmentOrg, p: DepartmentOrg['peers'][number]): ManagedProcess {
  const cfg = writePeerConfig(t, tc, org, p);
  return startDetached(
    { name: nodeHost(p.name, org.name, t.domain), kind: 'peer', org: org.name, port: p.port, healthUrl: healthUrl(t, nodeHost(p.name, org.name, t.domain), p.opsPort) },
    tc.bin('peer'), ['node', 'start'], { env: nodeEnv(t, { FABRIC_CFG_PATH: cfg, FABRIC_LOGGING_SPEC: t.logging.peer, ...peerCcaasEnv(paths.node(org.name, p.name)) }) },
  );
}

/** Waits until a node's operations endpoint reports healthy. */
export function waitHealthy(p: ManagedProcess, timeoutMs = 30_000): Promise<void> {
  if (!p.healthUrl) return Promise.resolve();
  const url = p.healthUrl;
  return waitFor({ node: p.name, condition: `report healthy at ${url}`, key: 'NODE_NOT_HEALTHY', hint: `see its log: ${p.log}` },
    async () => (await httpStatus(url)) === 200, timeoutMs);
}

/** Admin client TLS files for osnadmin (mutual TLS against the orderer's admin endpoint). */
export function ordererAdminTls(org: OrdererOrg): { ca: string; cert: string; key: string } {
  const tls = join(paths.user(org.name, 'Admin'), 'tls');
  return { ca: paths.tlsRoot(org.name), cert: join(tls, 'server.crt'), key: join(tls, 'server.key') };
}
