import type { Commit, Gateway, Proposal, Transaction } from '@hyperledger/fabric-gateway';
import { gateway as gatewayProtos, msp } from '@hyperledger/fabric-protos';
import { ApiError } from '../errors/api-error';
import { digestMatches } from './client-signature';
import type { ClientSigner, SigningRequest } from './ledger';

/**
 * fabric-gateway's offline signing flow, with the signature coming from the operator's own client:
 * `newProposal` → `getDigest` → client signs → `newSignedProposal` → `endorse` → `getDigest` → client signs →
 * `newSignedTransaction` → `submit`. The gateway that builds these is connected with the operator's certificate
 * only (no signer), so it cannot sign anything itself.
 */

/** The bytes a proposal's signature covers: the serialized Proposal inside the SignedProposal. */
export function proposalMessage(proposal: Proposal): Uint8Array {
  const signed = gatewayProtos.ProposedTransaction.deserializeBinary(proposal.getBytes()).getProposal();
  if (!signed) throw new ApiError(500, 'INTERNAL', 'the proposal carries no signed proposal');
  return signed.getProposalBytes_asU8();
}

/** The bytes a transaction's signature covers: the envelope's payload. */
export function transactionMessage(tx: Transaction): Uint8Array {
  const envelope = gatewayProtos.PreparedTransaction.deserializeBinary(tx.getBytes()).getEnvelope();
  if (!envelope) throw new ApiError(500, 'INTERNAL', 'the prepared transaction carries no envelope');
  return envelope.getPayload_asU8();
}

async function clientSignature(signer: ClientSigner, request: SigningRequest): Promise<Uint8Array> {
  // The digest fabric-gateway computed must be the hash of the bytes shown to the client, or the client would
  // be asked to approve one thing while signing another.
  if (!digestMatches(request.message, request.digest)) throw new ApiError(500, 'INTERNAL', 'digest and message disagree');
  return signer.sign(request);
}

/** Asks the client to sign a proposal; returns the signed proposal (ready to endorse or evaluate). */
export async function signProposal(gateway: Gateway, unsigned: Proposal, signer: ClientSigner, call: SigningRequest['call']): Promise<Proposal> {
  const signature = await clientSignature(signer, {
    kind: 'proposal', transactionId: unsigned.getTransactionId(), message: proposalMessage(unsigned), digest: unsigned.getDigest(), call,
  });
  return gateway.newSignedProposal(unsigned.getBytes(), signature);
}

/** Asks the client to sign an endorsed transaction; returns the signed transaction (ready to submit). */
export async function signTransaction(gateway: Gateway, unsigned: Transaction, signer: ClientSigner, call: SigningRequest['call']): Promise<Transaction> {
  const signature = await clientSignature(signer, {
    kind: 'transaction', transactionId: unsigned.getTransactionId(), message: transactionMessage(unsigned), digest: unsigned.getDigest(), call,
  });
  return gateway.newSignedTransaction(unsigned.getBytes(), signature);
}

/**
 * A commit-status request for `txId` made by `reader` (the gateway's own service identity). The status of a
 * transaction is readable by any channel member, so the operator is not asked for a third signature just to
 * learn whether their transaction committed; the request names the reader as its identity and is signed by it.
 */
export function commitStatusAs(reader: Gateway, channel: string, txId: string): Commit {
  const id = reader.getIdentity();
  const serialized = new msp.SerializedIdentity();
  serialized.setMspid(id.mspId);
  serialized.setIdBytes(id.credentials);
  const request = new gatewayProtos.CommitStatusRequest();
  request.setTransactionId(txId);
  request.setChannelId(channel);
  request.setIdentity(serialized.serializeBinary());
  const signed = new gatewayProtos.SignedCommitStatusRequest();
  signed.setRequest(request.serializeBinary());
  return reader.newCommit(signed.serializeBinary());
}
