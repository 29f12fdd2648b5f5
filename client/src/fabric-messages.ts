import { ChannelHeader, Header, HeaderType, Payload, SignatureHeader } from '@hyperledger/fabric-protos/lib/common/common_pb';
import { SerializedIdentity } from '@hyperledger/fabric-protos/lib/msp/identities_pb';
import { ChaincodeInvocationSpec } from '@hyperledger/fabric-protos/lib/peer/chaincode_pb';
import { ChaincodeProposalPayload, Proposal } from '@hyperledger/fabric-protos/lib/peer/proposal_pb';
import { ChaincodeActionPayload, Transaction } from '@hyperledger/fabric-protos/lib/peer/transaction_pb';

/** What a Fabric proposal or transaction payload says, as decoded by the client before it signs. */
export interface FabricCall {
  transactionId: string;
  channel: string;
  /** Creator (signer) MSP and certificate as the message names them. */
  creatorMspId: string;
  creatorCertificatePem: string;
  chaincode: string;
  /** `Contract:Transaction`, e.g. `Property:Register`. */
  fn: string;
  /** The arguments after the function name (UTF-8). */
  args: string[];
  /** The serialized ChaincodeInvocationSpec: a transaction must carry exactly the invocation of its proposal. */
  invocation: Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function headerFacts(channelHeaderBytes: Uint8Array, signatureHeaderBytes: Uint8Array): Pick<FabricCall, 'transactionId' | 'channel' | 'creatorMspId' | 'creatorCertificatePem'> & { type: number } {
  const ch = ChannelHeader.deserializeBinary(channelHeaderBytes);
  const creator = SerializedIdentity.deserializeBinary(SignatureHeader.deserializeBinary(signatureHeaderBytes).getCreator_asU8());
  return {
    type: ch.getType(), transactionId: ch.getTxId(), channel: ch.getChannelId(),
    creatorMspId: creator.getMspid(), creatorCertificatePem: utf8.decode(creator.getIdBytes_asU8()),
  };
}

function invocationFacts(invocation: Uint8Array): Pick<FabricCall, 'chaincode' | 'fn' | 'args'> {
  const spec = ChaincodeInvocationSpec.deserializeBinary(invocation).getChaincodeSpec();
  const [fn, ...args] = (spec?.getInput()?.getArgsList_asU8() ?? []).map((a) => utf8.decode(a));
  return { chaincode: spec?.getChaincodeId()?.getName() ?? '', fn: fn ?? '', args };
}

/** Decodes a serialized Proposal (what a `proposal` step asks to sign). */
export function readProposal(message: Uint8Array): FabricCall {
  const proposal = Proposal.deserializeBinary(message);
  const header = Header.deserializeBinary(proposal.getHeader_asU8());
  const { type, ...facts } = headerFacts(header.getChannelHeader_asU8(), header.getSignatureHeader_asU8());
  if (type !== HeaderType.ENDORSER_TRANSACTION) throw new Error(`not an endorser proposal (header type ${type})`);
  const invocation = ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8()).getInput_asU8();
  return { ...facts, ...invocationFacts(invocation), invocation };
}

/** Decodes an envelope Payload of an endorsed transaction (what a `transaction` step asks to sign). */
export function readTransaction(message: Uint8Array): FabricCall {
  const payload = Payload.deserializeBinary(message);
  const header = payload.getHeader();
  if (!header) throw new Error('transaction payload without header');
  const { type, ...facts } = headerFacts(header.getChannelHeader_asU8(), header.getSignatureHeader_asU8());
  if (type !== HeaderType.ENDORSER_TRANSACTION) throw new Error(`not an endorser transaction (header type ${type})`);
  const actions = Transaction.deserializeBinary(payload.getData_asU8()).getActionsList();
  const first = actions[0];
  if (actions.length !== 1 || !first) throw new Error(`expected one transaction action, found ${actions.length}`);
  const action = ChaincodeActionPayload.deserializeBinary(first.getPayload_asU8());
  const invocation = ChaincodeProposalPayload.deserializeBinary(action.getChaincodeProposalPayload_asU8()).getInput_asU8();
  return { ...facts, ...invocationFacts(invocation), invocation };
}
