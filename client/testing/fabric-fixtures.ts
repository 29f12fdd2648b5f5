import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { connect, type Gateway } from '@hyperledger/fabric-gateway';
import { Header, Payload } from '@hyperledger/fabric-protos/lib/common/common_pb';
import { ChaincodeProposalPayload, Proposal } from '@hyperledger/fabric-protos/lib/peer/proposal_pb';
import { ChaincodeActionPayload, Transaction, TransactionAction } from '@hyperledger/fabric-protos/lib/peer/transaction_pb';
import * as x509 from '@peculiar/x509';
import { gateway as gatewayProtos } from '@hyperledger/fabric-protos';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** A client-side operator for unit tests: a Web Crypto key pair and a self-signed certificate with GovChain attributes. */
export interface TestOperator {
  keys: CryptoKeyPair;
  certificatePem: string;
  mspId: string;
}

/** Creates a test operator (never used against a network). */
export async function testOperator(operatorId = 'clerk1', role = 'clerk', mspId = 'PublicSecurityMSP'): Promise<TestOperator> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const json = JSON.stringify({ attrs: { 'govchain.role': role, 'govchain.operatorId': operatorId } });
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${operatorId}`, keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [new x509.Extension('1.2.3.4.5.6.7.8.1', false, new TextEncoder().encode(json))],
  });
  return { keys, certificatePem: cert.toString('pem'), mspId };
}

/** An offline fabric-gateway Gateway with a certificate and no signer: builds real proposals without a network. */
export function offlineGateway(op: { certificatePem: string; mspId: string }): Gateway {
  const client = new grpc.Client('127.0.0.1:1', grpc.credentials.createInsecure());
  return connect({ client, identity: { mspId: op.mspId, credentials: new TextEncoder().encode(op.certificatePem) } });
}

/** The Proposal bytes (what a `proposal` step carries) of a call built by fabric-gateway. */
export function proposalMessage(gw: Gateway, contract: string, tx: string, args: string[]): { transactionId: string; message: Uint8Array } {
  const proposal = gw.getNetwork('govchannel').getContract('govchain', contract).newProposal(tx, { arguments: args });
  const signed = gatewayProtos.ProposedTransaction.deserializeBinary(proposal.getBytes()).getProposal();
  return { transactionId: proposal.getTransactionId(), message: signed?.getProposalBytes_asU8() ?? new Uint8Array() };
}

/**
 * A transaction Payload built from a proposal as an endorsing peer gateway would (header reused, the proposal
 * payload without its transient map inside one action), optionally carrying another proposal's invocation.
 */
export function transactionMessage(proposalBytes: Uint8Array, invocationFrom: Uint8Array = proposalBytes): Uint8Array {
  const proposal = Proposal.deserializeBinary(proposalBytes);
  const header = Header.deserializeBinary(proposal.getHeader_asU8());
  const cpp = ChaincodeProposalPayload.deserializeBinary(Proposal.deserializeBinary(invocationFrom).getPayload_asU8());
  cpp.getTransientmapMap().clear();
  const cap = new ChaincodeActionPayload();
  cap.setChaincodeProposalPayload(cpp.serializeBinary());
  const action = new TransactionAction();
  action.setHeader(header.getSignatureHeader_asU8());
  action.setPayload(cap.serializeBinary());
  const tx = new Transaction();
  tx.setActionsList([action]);
  const payload = new Payload();
  payload.setHeader(header);
  payload.setData(tx.serializeBinary());
  return payload.serializeBinary();
}
