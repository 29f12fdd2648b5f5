import { localDepartments } from './placement';
import { departments, Topology } from './topology';
import { Toolchain } from './toolchain';
import { ordererFlags, peerCli, peerTargets } from './peercli';
import { NetworkError } from './errors';

/** The Governance:Bootstrap input the topology implies: member orgs and who registers which record type. */
export function bootstrapInput(t: Topology): Record<string, unknown> {
  const deps = departments(t);
  const gov = deps.find((o) => o.governs);
  if (!gov) throw new NetworkError('TOPOLOGY_INVALID', 'topology has no governance org ("governs": true)');
  const registrars = Object.fromEntries(deps.flatMap((o) => o.registers.map((r) => [r, o.mspId] as const)));
  return {
    governanceMsp: gov.mspId,
    members: deps.map((o) => o.mspId),
    registrars,
    sealingOrgs: deps.filter((o) => o.seals).map((o) => o.mspId),
    reason: 'network bootstrap from network/topology.json',
    legalAuthority: 'GovChain deployment configuration',
  };
}

/**
 * Seeds governance state (member orgs, registrar map) from the topology, signed by the governance org's first
 * admin operator and endorsed by the governance peer plus one other department, as the policy requires.
 */
export async function seedGovernance(t: Topology, tc: Toolchain, log: (s: string) => void): Promise<void> {
  const deps = departments(t);
  const gov = deps.find((o) => o.governs)!;
  const admin = gov.operators.find((o) => o.role === 'admin');
  if (!admin) throw new NetworkError('TOPOLOGY_INVALID', `the governance org ${gov.name} needs an operator with role admin in the topology`);
  const other = deps.find((o) => o !== gov)!;
  const args = { Args: ['Governance:Bootstrap', 'network-bootstrap', JSON.stringify(bootstrapInput(t))] };
  await peerCli(t, tc, gov, ['chaincode', 'invoke', ...ordererFlags(t), '-C', t.channel, '-n', t.chaincode.name, ...peerTargets(t, [gov, other]),
    '--waitForEvent', '-c', JSON.stringify(args)], admin.id, 60_000);
  log(`[network] governance bootstrapped: ${deps.length} member orgs, registrars ${JSON.stringify(bootstrapInput(t).registrars)}`);
}

/**
 * True when the governance record exists (Governance:GetConfig answers on the first local department's peer, asked
 * by its admin operator). A false negative is harmless: Bootstrap carries a fixed request id, so running it again
 * replays the stored result.
 */
export async function governanceSeeded(t: Topology, tc: Toolchain): Promise<boolean> {
  const local = localDepartments(t);
  const gov = local.find((o) => o.governs) ?? local[0];
  const admin = gov?.operators.find((o) => o.role === 'admin');
  if (!gov || !admin) return false;
  return peerCli(t, tc, gov, ['chaincode', 'query', '-C', t.channel, '-n', t.chaincode.name, '-c', JSON.stringify({ Args: ['Governance:GetConfig'] })], admin.id, 30_000)
    .then(() => true, () => false);
}

/**
 * Makes a department that joined the channel a member of governance (Governance:SetMembers with the current members
 * plus its MSP id), signed by the governance org's admin operator and endorsed by the governance peer plus an
 * existing member's peer, as the governance record's key-level policy requires. A member already: nothing is done.
 * Registrar and sealing roles are separate governance acts (Governance:SetRegistrar, SetSealingOrgs).
 */
export async function addGovernanceMember(t: Topology, tc: Toolchain, joining: string, log: (s: string) => void): Promise<string> {
  const deps = departments(t);
  const gov = deps.find((o) => o.governs)!;
  const admin = gov.operators.find((o) => o.role === 'admin');
  if (!admin) throw new NetworkError('TOPOLOGY_INVALID', `the governance org ${gov.name} needs an operator with role admin in the topology`);
  const out = await peerCli(t, tc, gov, ['chaincode', 'query', '-C', t.channel, '-n', t.chaincode.name, '-c', JSON.stringify({ Args: ['Governance:GetConfig'] })], admin.id, 30_000);
  const config = JSON.parse(out.slice(out.indexOf('{'))) as { members?: string[] };
  const members = config.members ?? [];
  const org = deps.find((o) => o.name === joining)!;
  if (members.includes(org.mspId)) return `${org.mspId} is a member already`;
  const other = deps.find((o) => o !== gov && members.includes(o.mspId));
  if (!other) throw new NetworkError('GOVERNANCE_NOT_SEEDED', 'governance has no member besides the governance org to co-endorse the change', 'seed governance: npm run network:up');
  const input = { members: [...members, org.mspId], reason: `${org.name} joined channel ${t.channel}`, legalAuthority: 'GovChain deployment configuration' };
  const args = { Args: ['Governance:SetMembers', `org-add-${org.mspId}`, JSON.stringify(input)] };
  await peerCli(t, tc, gov, ['chaincode', 'invoke', ...ordererFlags(t), '-C', t.channel, '-n', t.chaincode.name, ...peerTargets(t, [gov, other]),
    '--waitForEvent', '-c', JSON.stringify(args)], admin.id, 60_000);
  log(`[network] governance members: ${input.members.join(', ')}`);
  return `${org.mspId} added to the ${members.length} members`;
}
