import { common, msp, peer } from '@hyperledger/fabric-protos';
import { loadConnectionProfile } from '@govchain/network';
import type { OperatorClient } from './fabric';

/** A committed transaction as the ledger holds it: who it names as creator, what was signed, and the signature. */
export interface CommittedEnvelope {
  validationCode: number;
  creatorMspId: string;
  creatorCertificatePem: string;
  /** The envelope payload (what the creator signed) and its signature. */
  payload: Uint8Array;
  signature: Uint8Array;
}

/** Reads a transaction from the ledger (qscc GetTransactionByID) and decodes its envelope. */
export async function committedEnvelope(client: OperatorClient, txId: string): Promise<CommittedEnvelope> {
  const channel = loadConnectionProfile().channel;
  const bytes = await client.gateway.getNetwork(channel).getContract('qscc').evaluateTransaction('GetTransactionByID', channel, txId);
  const processed = peer.ProcessedTransaction.deserializeBinary(bytes);
  const envelope = processed.getTransactionenvelope();
  if (!envelope) throw new Error(`transaction ${txId} has no envelope`);
  const payload = envelope.getPayload_asU8();
  const header = common.Payload.deserializeBinary(payload).getHeader();
  const creator = msp.SerializedIdentity.deserializeBinary(common.SignatureHeader.deserializeBinary(header?.getSignatureHeader_asU8() ?? new Uint8Array()).getCreator_asU8());
  return {
    validationCode: processed.getValidationcode(),
    creatorMspId: creator.getMspid(),
    creatorCertificatePem: Buffer.from(creator.getIdBytes_asU8()).toString('utf8'),
    payload,
    signature: envelope.getSignature_asU8(),
  };
}

/**
 * Validation codes of every envelope carrying `txId` in blocks from `fromBlock` on, read from the block stream
 * until `count` are found or `timeoutMs` passes (a replayed envelope is committed again, as invalid).
 */
export async function validationCodesOf(client: OperatorClient, txId: string, fromBlock: bigint, count: number, timeoutMs = 30_000): Promise<number[]> {
  const channel = loadConnectionProfile().channel;
  const events = await client.gateway.getNetwork(channel).getBlockEvents({ startBlock: fromBlock });
  const timer = setTimeout(() => events.close(), timeoutMs);
  const codes: number[] = [];
  try {
    for await (const block of events) {
      const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
      block.getData()?.getDataList_asU8().forEach((env, i) => {
        const header = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(env).getPayload_asU8()).getHeader();
        const ch = common.ChannelHeader.deserializeBinary(header?.getChannelHeader_asU8() ?? new Uint8Array());
        if (ch.getTxId() === txId) codes.push(filter[i] ?? -1);
      });
      if (codes.length >= count) break;
    }
  } catch {
    // closed by the time limit
  } finally {
    clearTimeout(timer);
    events.close();
  }
  return codes;
}
