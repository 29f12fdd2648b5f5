import { existsSync, readFileSync } from 'node:fs';
import { startCa } from './ca';
import { NodeDef, requirePackageId } from './catalogue';
import { startChaincodeServer } from './chaincode';
import { Driver } from './drivers';
import { NetworkError } from './errors';
import { startOrderer, startPeer } from './nodes';
import { nodeHost, paths } from './paths';
import { ManagedProcess, running, stopPids } from './processes';
import { departments, ordererOrg, Topology } from './topology';
import { Toolchain } from './toolchain';

/** Starts one catalogue node as a detached process of this machine, logging to its own file. */
function startOne(t: Topology, tc: Toolchain, def: NodeDef, packageId: string | undefined): ManagedProcess {
  if (def.kind === 'chaincode') return startChaincodeServer(t, requirePackageId({ t, tc, ...(packageId ? { packageId } : {}) }));
  const org = t.orgs.find((o) => o.name === def.org);
  if (!org) throw new NetworkError('NODE_UNKNOWN', `no org ${def.org} for ${def.name}`);
  if (def.kind === 'ca') return startCa(t, tc, org);
  if (def.kind === 'orderer') {
    const oo = ordererOrg(t);
    const o = oo.orderers.find((x) => nodeHost(x.name, oo.name, t.domain) === def.name)!;
    return startOrderer(t, tc, oo, o);
  }
  const dept = departments(t).find((o) => o.name === def.org)!;
  const p = dept.peers.find((x) => nodeHost(x.name, dept.name, t.domain) === def.name)!;
  return startPeer(t, tc, dept, p);
}

/** The native driver: every node a process of this machine (the single-host network, and a department's own host). */
export const nativeDriver: Driver = {
  name: 'native',
  start: async (ctx, defs) => defs.map((d) => startOne(ctx.t, ctx.tc, d, ctx.packageId)),
  running,
  stopAll: async (_t, state, log) => stopPids((state?.processes ?? []).filter(running), log),
  removeAll: async () => undefined,
  logs: async (_t, state, lines) => {
    for (const p of state.processes) {
      console.log(`==> ${p.name} (${paths.log(p.name)}) <==`);
      if (existsSync(p.log)) console.log(readFileSync(p.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n'));
    }
  },
};
