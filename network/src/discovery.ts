import { operatorGateway, peerConnection } from './client';
import { ConnectionProfile } from './profile';
import { waitFor } from './wait';
import { NetworkError } from './errors';

/**
 * Waits until every org's peer can evaluate System:Ping on every other department's peer. This proves each
 * peer reaches the chaincode service and, through gossip, knows the other orgs' peers: right after start-up
 * cross-org endorsement otherwise fails with "failed to find any endorsing peers". Bounded. `from`: the orgs whose
 * peers ask (a department's host asks from its own; the others' operators are not on it).
 */
export async function waitCrossOrgDiscovery(profile: ConnectionProfile, from = profile.orgs, timeoutMs = 90_000): Promise<void> {
  await Promise.all(from.map(async (org) => {
    const op = org.operators[0];
    if (!op) throw new NetworkError('OPERATOR_NOT_ENROLLED', `${org.name} has no enrolled operator to probe discovery with`, 'enrol one: npm run operator:add');
    const client = peerConnection(org);
    const gateway = operatorGateway(client, org, op.id, { evaluateOptions: () => ({ deadline: Date.now() + 5_000 }) });
    try {
      const contract = gateway.getNetwork(profile.channel).getContract(profile.chaincode, 'System');
      const others = profile.orgs.filter((o) => o.mspId !== org.mspId).map((o) => o.mspId);
      await waitFor({ node: `${org.name}'s peer`, condition: "reach the chaincode and every other department's peer", key: 'DISCOVERY_INCOMPLETE' }, async () => {
        const results = await Promise.allSettled(others.map((msp) => contract.evaluate('Ping', { endorsingOrganizations: [msp] })));
        return results.every((r) => r.status === 'fulfilled');
      }, timeoutMs, 'see the chaincode log and the peer logs (gossip: anchor peers, external endpoints)');
    } finally {
      gateway.close();
      client.close();
    }
  }));
}
