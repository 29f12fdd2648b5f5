import type { Topology } from '@govchain/network';

type Department = Extract<Topology['orgs'][number], { kind: 'department' }>;

/**
 * The topology plus one new department `name`, its ports derived from the last department's (so the copy of a
 * shifted topology, slot b, shifts with it): CA and peer ports +1000, operations and gateway ports +1.
 */
export function withJoiningDepartment(t: Topology, name: string): Topology {
  const last = t.orgs.filter((o): o is Department => o.kind === 'department').at(-1)!;
  const peer = last.peers[0]!;
  const org: Department = {
    name,
    mspId: `${name}MSP`,
    kind: 'department',
    registers: [],
    ca: { port: last.ca.port + 1000, opsPort: last.ca.opsPort + 1000 },
    peers: [{ name: 'peer0', port: peer.port + 1000, chaincodePort: peer.chaincodePort + 1000, opsPort: peer.opsPort + 1 }],
    gatewayPort: last.gatewayPort + 1,
    operators: [{ id: 'admin1', role: 'admin' }, { id: 'clerk1', role: 'clerk' }, { id: 'auditor1', role: 'auditor' }],
  };
  return { ...t, orgs: [...t.orgs, org] };
}
