import { join } from 'node:path';
import { exec } from './exec';
import { nodeHost, paths } from './paths';
import { endpoint } from './placement';
import { DepartmentOrg, ordererOrg, Topology } from './topology';
import { Toolchain } from './toolchain';

/** Environment for the `peer` CLI acting as `user` (default the org admin) against the org's first peer. */
export function peerEnv(t: Topology, org: DepartmentOrg, user = 'Admin'): NodeJS.ProcessEnv {
  const peer = org.peers[0]!;
  return {
    ...process.env,
    FABRIC_CFG_PATH: join(paths.node(org.name, peer.name), 'config'),
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: join(paths.user(org.name, user), 'msp'),
    CORE_PEER_ADDRESS: endpoint(t, nodeHost(peer.name, org.name, t.domain), peer.port),
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_ROOTCERT_FILE: paths.tlsRoot(org.name),
    FABRIC_LOGGING_SPEC: 'warn',
  };
}

/** Flags that point the peer CLI at the first orderer over TLS. */
export function ordererFlags(t: Topology): string[] {
  const oo = ordererOrg(t);
  const o = oo.orderers[0]!;
  return ['-o', endpoint(t, nodeHost(o.name, oo.name, t.domain), o.port), '--tls', '--cafile', paths.tlsRoot(oo.name)];
}

/** --peerAddresses/--tlsRootCertFiles pairs for the given orgs' first peers. */
export function peerTargets(t: Topology, orgs: DepartmentOrg[]): string[] {
  return orgs.flatMap((o) => ['--peerAddresses', endpoint(t, nodeHost(o.peers[0]!.name, o.name, t.domain), o.peers[0]!.port), '--tlsRootCertFiles', paths.tlsRoot(o.name)]);
}

/** Runs the peer CLI as an org's user; output is stdout+stderr. */
export function peerCli(t: Topology, tc: Toolchain, org: DepartmentOrg, args: string[], user?: string, timeoutMs = 120_000): Promise<string> {
  return exec(tc.bin('peer'), args, { env: peerEnv(t, org, user), timeoutMs });
}
