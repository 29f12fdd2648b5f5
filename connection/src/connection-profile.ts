import type { RecordType, Role } from '@govchain/chaincode';

/** An operator identity enrolled by its org's Fabric CA (role and operator id are certificate attributes). */
export interface OperatorIdentity {
  id: string;
  role: Role;
  certPath: string;
  keyPath: string;
}

/** What a client of one department needs to reach the network. */
export interface OrgProfile {
  name: string;
  mspId: string;
  peerEndpoint: string;
  /** TLS server name of the peer (its certificate carries it, plus localhost and 127.0.0.1). */
  peerHostAlias: string;
  tlsRootCertPath: string;
  caUrl: string;
  /** `--ca.name` of the org's CA, the root its TLS is verified against, and its signing certificate (the issuer of every operator certificate). */
  caName: string;
  caTlsCertPath: string;
  caCertPath: string;
  gatewayPort: number;
  governs: boolean;
  /** The record types this department registers (it is their registrar org). */
  registers: RecordType[];
  /** Directory holding one `<operatorId>/msp/{signcerts,keystore}` per enrolled operator. */
  usersDir: string;
  operators: OperatorIdentity[];
}

/** One org's root CA certificate file: a receipt's signatures are checked against these (departments and orderers). */
export interface TrustAnchorRef {
  mspId: string;
  /** PEM file of the org's root CA certificate (`<org>/msp/cacerts/ca.pem`). */
  caCertPath: string;
}

/**
 * The connection profile: the one file a department's gateway reads to reach the network. The network launcher
 * writes it from the topology (`network/.data/connection-profile.json`); another deployment may write it by hand.
 */
export interface ConnectionProfile {
  channel: string;
  chaincode: string;
  /** The chaincode's endorsement policy as the channel defines it (a receipt states it). */
  endorsementPolicy: string;
  createdAt: string;
  orgs: OrgProfile[];
  /** Root CA certificates of every org whose signatures a receipt carries. */
  trustAnchors: TrustAnchorRef[];
}
