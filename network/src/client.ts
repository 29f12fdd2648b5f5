import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { connect, ConnectOptions, Gateway, hash, signers } from '@hyperledger/fabric-gateway';
import { OrgProfile } from './profile';
import { NetworkError } from './errors';

/** Default deadlines of the project's own direct clients (tests, probes, bench). */
const DEADLINES_MS = { evaluate: 15_000, endorse: 30_000, submit: 15_000, commitStatus: 60_000 };

/** A TLS gRPC connection to an org's peer, verifying the peer's certificate against the org's TLS root. */
export function peerConnection(org: OrgProfile): grpc.Client {
  return new grpc.Client(org.peerEndpoint, grpc.credentials.createSsl(readFileSync(org.tlsRootCertPath)), {
    'grpc.ssl_target_name_override': org.peerHostAlias,
  });
}

/**
 * A Fabric Gateway for one enrolled operator of an org over `client`, signing with that operator's own key.
 * `overrides` replaces any connect option (e.g. shorter deadlines for a probe).
 */
export function operatorGateway(client: grpc.Client, org: OrgProfile, operatorId: string, overrides: Partial<ConnectOptions> = {}): Gateway {
  const op = org.operators.find((o) => o.id === operatorId);
  if (!op) throw new NetworkError('OPERATOR_NOT_ENROLLED', `operator ${operatorId} is not enrolled in ${org.name}`, 'enrol it: npm run operator:add');
  return connect({
    client,
    identity: { mspId: org.mspId, credentials: readFileSync(op.certPath) },
    signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(op.keyPath))),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + DEADLINES_MS.evaluate }),
    endorseOptions: () => ({ deadline: Date.now() + DEADLINES_MS.endorse }),
    submitOptions: () => ({ deadline: Date.now() + DEADLINES_MS.submit }),
    commitStatusOptions: () => ({ deadline: Date.now() + DEADLINES_MS.commitStatus }),
    ...overrides,
  });
}
