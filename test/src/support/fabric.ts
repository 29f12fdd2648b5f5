import { Contract, Gateway } from '@hyperledger/fabric-gateway';
import { loadConnectionProfile, operatorGateway, OrgProfile, peerConnection } from '@govchain/network';

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
  const profile = loadConnectionProfile();
  const org = orgProfile(orgName);
  const client = peerConnection(org);
  const gateway = operatorGateway(client, org, operatorId);
  const network = gateway.getNetwork(profile.channel);
  return {
    org,
    gateway,
    contract: (name?: string) => network.getContract(profile.chaincode, name),
    close: () => {
      gateway.close();
      client.close();
    },
  };
}

/** Decodes a UTF-8 result from a transaction. */
export const utf8 = (b: Uint8Array) => Buffer.from(b).toString('utf8');
