import { crossHostWaitMs } from './bundles';
import { definitionArgs, endorsementPolicy } from './chaincode';
import { chaincodeHostOrg, isLocal, localDepartments } from './placement';
import { ordererFlags, peerCli, peerTargets } from './peercli';
import { departments, DepartmentOrg, Topology } from './topology';
import { Toolchain } from './toolchain';
import { waitFor } from './wait';

type Log = (s: string) => void;

/** JSON printed by a peer CLI command (it may print warnings before the first brace). */
function cliJson<T>(out: string): T {
  return JSON.parse(out.slice(out.indexOf('{'))) as T;
}

/** The package id of a CCaaS package (computed locally by the peer CLI from the package bytes). */
export async function packageIdOf(t: Topology, tc: Toolchain, pkg: string): Promise<string> {
  return (await peerCli(t, tc, localDepartments(t)[0]!, ['lifecycle', 'chaincode', 'calculatepackageid', pkg])).trim();
}

/** True when the org's peer has the package installed. */
async function installed(t: Topology, tc: Toolchain, org: DepartmentOrg, packageId: string): Promise<boolean> {
  const out = cliJson<{ installed_chaincodes?: Array<{ package_id: string }> }>(
    await peerCli(t, tc, org, ['lifecycle', 'chaincode', 'queryinstalled', '--output', 'json'], undefined, 30_000));
  return (out.installed_chaincodes ?? []).some((c) => c.package_id === packageId);
}

/** Installs the package on every local peer that does not hold it yet. Returns the package id. */
export async function installChaincode(t: Topology, tc: Toolchain, pkg: string, log: Log): Promise<string> {
  const packageId = await packageIdOf(t, tc, pkg);
  const orgs = localDepartments(t);
  const has = await Promise.all(orgs.map((o) => installed(t, tc, o, packageId)));
  const missing = orgs.filter((_, i) => !has[i]);
  await Promise.all(missing.map((o) => peerCli(t, tc, o, ['lifecycle', 'chaincode', 'install', pkg])));
  log(`[network] chaincode ${packageId} installed on ${missing.length} peer(s)${missing.length < orgs.length ? `, already on ${orgs.length - missing.length}` : ''}`);
  return packageId;
}

/** The sequence of the chaincode definition committed on the channel, as the org's peer sees it (0: none). */
export async function committedSequence(t: Topology, tc: Toolchain, org = localDepartments(t)[0]!): Promise<number> {
  try {
    const out = cliJson<{ sequence?: number }>(await peerCli(t, tc, org, ['lifecycle', 'chaincode', 'querycommitted', '--channelID', t.channel,
      '--name', t.chaincode.name, '--output', 'json'], undefined, 30_000));
    return out.sequence ?? 0;
  } catch {
    return 0;
  }
}

/**
 * True when the org's peer has the topology's definition (name and sequence) or a later one committed: org:add
 * commits the next sequence when a department joins, and a restart from the topology must not define it again.
 */
export async function chaincodeCommitted(t: Topology, tc: Toolchain, org = localDepartments(t)[0]!): Promise<boolean> {
  return (await committedSequence(t, tc, org)) >= t.chaincode.sequence;
}

/** Which orgs' approvals the org's peer sees for the definition. */
async function approvals(t: Topology, tc: Toolchain, org: DepartmentOrg): Promise<Record<string, boolean>> {
  const out = cliJson<{ approvals?: Record<string, boolean> }>(await peerCli(t, tc, org, ['lifecycle', 'chaincode', 'checkcommitreadiness',
    ...definitionArgs(t), '--output', 'json'], undefined, 30_000));
  return out.approvals ?? {};
}

/**
 * Approves the definition for every local org that has not approved it yet. On the governance org's host, waits
 * (bounded) until its peer sees every department's approval, then commits, endorsed by every department's peer; on
 * another department's host, waits (bounded) until the definition is committed. On a single host both happen here.
 */
export async function defineChaincode(t: Topology, tc: Toolchain, packageId: string, log: Log): Promise<void> {
  const orgs = departments(t);
  const local = localDepartments(t);
  const wait = local.length === orgs.length ? 60_000 : crossHostWaitMs();
  // Each org's own peer has its approval once approveformyorg returned (it waits for that peer's commit).
  const approved = await Promise.all(local.map(async (o) => (await approvals(t, tc, o))[o.mspId] === true));
  const pending = local.filter((_, i) => !approved[i]);
  // On a department's host the orderers may not have a leader yet: an approval is retried until it commits.
  await Promise.all(pending.map((o) => waitFor({ node: `${o.name}'s peer`, condition: `commit ${o.mspId}'s approval of ${t.chaincode.name} sequence ${t.chaincode.sequence}`, key: 'CHAINCODE_NOT_APPROVED' },
    async () => {
      if ((await approvals(t, tc, o))[o.mspId] === true) return true;
      await peerCli(t, tc, o, ['lifecycle', 'chaincode', 'approveformyorg', ...ordererFlags(t), ...definitionArgs(t), '--package-id', packageId]);
      return true;
    }, wait)));
  log(`[network] chaincode definition approved by ${pending.length} org(s)${pending.length < local.length ? `, already by ${local.length - pending.length}` : ''}`);
  const committer = chaincodeHostOrg(t);
  if (!isLocal(t, committer.name)) {
    await waitFor({ node: committer.name, condition: `commit ${t.chaincode.name} sequence ${t.chaincode.sequence}`, key: 'CHAINCODE_NOT_COMMITTED' },
      () => chaincodeCommitted(t, tc, local[0]!), wait);
    log(`[network] chaincode ${t.chaincode.name} committed by ${committer.name}`);
    return;
  }
  await Promise.all(local.map((o) => waitFor(
    { node: `${o.name}'s peer`, condition: `see every org's approval of ${t.chaincode.name} sequence ${t.chaincode.sequence}`, key: 'CHAINCODE_NOT_APPROVED', hint: 'see the peer logs: npm run network:logs' },
    async () => Object.values(await approvals(t, tc, o)).filter(Boolean).length === orgs.length, wait)));
  await peerCli(t, tc, committer, ['lifecycle', 'chaincode', 'commit', ...ordererFlags(t), ...definitionArgs(t), ...peerTargets(t, orgs)]);
  log(`[network] chaincode ${t.chaincode.name} committed with policy ${endorsementPolicy(t)}`);
}
