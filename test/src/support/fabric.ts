import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { connect, Contract, Gateway, hash, Identity, Signer, signers } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { loadConnectionProfile, OrgProfile } from '@govchain/network';

/** A connected Fabric Gateway client for one operator of one org, closed by `close()`. */
export interface OperatorClient {
  org: OrgProfile;
  gateway: Gateway;
  contract: (name?: string) => Contract;
  close: () => void;
}

/** Finds an org in the generated connection profile by org name or MSP id. */
export function orgProfile(nameOrMsp: string): OrgProfile {
  const org = loadConnectionProfile().orgs.find((o) => o.name === nameOrMsp || o.mspId === nameOrMsp);
  if (!org) throw new Error(`org ${nameOrMsp} is not in the connection profile`);
  return org;
}

/** Connects as an enrolled operator of an org through that org's own peer (TLS, pinned host alias). */
export function connectAs(orgName: string, operatorId: string): OperatorClient {
  const org = orgProfile(orgName);
  const op = org.operators.find((o) => o.id === operatorId);
  if (!op) throw new Error(`operator ${operatorId} is not enrolled in ${orgName}`);
  const client = new grpc.Client(org.peerEndpoint, grpc.credentials.createSsl(readFileSync(org.tlsRootCertPath)), {
    'grpc.ssl_target_name_override': org.peerHostAlias,
  });
  const identity: Identity = { mspId: org.mspId, credentials: readFileSync(op.certPath) };
  const signer: Signer = signers.newPrivateKeySigner(createPrivateKey(readFileSync(op.keyPath)));
  const gateway = connect({
    client, identity, signer, hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 15_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
    submitOptions: () => ({ deadline: Date.now() + 15_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
  });
  const network = gateway.getNetwork(loadConnectionProfile().channel);
  return {
    org,
    gateway,
    contract: (name?: string) => network.getContract(loadConnectionProfile().chaincode, name),
    close: () => {
      gateway.close();
      client.close();
    },
  };
}

/** Decodes a UTF-8 result from a transaction. */
export const utf8 = (b: Uint8Array) => Buffer.from(b).toString('utf8');
