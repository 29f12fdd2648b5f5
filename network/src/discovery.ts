import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers } from '@hyperledger/fabric-gateway';
import { ConnectionProfile } from './profile';
import { waitFor } from './wait';

/**
 * Waits until every peer's gateway can reach every other department's peer for the chaincode. Right after
 * start-up, gossip has not yet told a peer about the others (or that they run the chaincode), so cross-org
 * endorsement fails with "failed to find any endorsing peers"; this turns that race into a bounded wait.
 */
export async function waitCrossOrgDiscovery(profile: ConnectionProfile, timeoutMs = 90_000): Promise<void> {
  await Promise.all(profile.orgs.map(async (org) => {
    const op = org.operators[0];
    if (!op) throw new Error(`${org.name} has no enrolled operator to probe discovery with`);
    const client = new grpc.Client(org.peerEndpoint, grpc.credentials.createSsl(readFileSync(org.tlsRootCertPath)), {
      'grpc.ssl_target_name_override': org.peerHostAlias,
    });
    const gateway = connect({
      client,
      identity: { mspId: org.mspId, credentials: readFileSync(op.certPath) },
      signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(op.keyPath))),
      hash: hash.sha256,
      evaluateOptions: () => ({ deadline: Date.now() + 5_000 }),
    });
    try {
      const contract = gateway.getNetwork(profile.channel).getContract(profile.chaincode, 'System');
      const others = profile.orgs.filter((o) => o.mspId !== org.mspId).map((o) => o.mspId);
      await waitFor(`${org.name}'s peer to discover every other department's peer`, async () => {
        const results = await Promise.allSettled(others.map((msp) => contract.evaluate('Ping', { endorsingOrganizations: [msp] })));
        return results.every((r) => r.status === 'fulfilled');
      }, timeoutMs, 'gossip: check anchor peers and external endpoints in the peer logs');
    } finally {
      gateway.close();
      client.close();
    }
  }));
}
