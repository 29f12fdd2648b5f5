import { common, peer } from '@hyperledger/fabric-protos';

/** A chaincode event found in a block, positioned by block number and transaction index. */
export interface BlockChaincodeEvent {
  blockNumber: bigint;
  txIndex: number;
  txId: string;
  chaincodeName: string;
  eventName: string;
  payload: Uint8Array;
}

const VALID = 0;

/**
 * Extracts the chaincode events of valid endorser transactions from a block, in transaction order.
 * Invalid transactions are skipped (their events never happened).
 */
export function chaincodeEventsOfBlock(block: common.Block): BlockChaincodeEvent[] {
  const blockNumber = BigInt(block.getHeader()?.getNumber() ?? 0);
  const metadata = block.getMetadata()?.getMetadataList_asU8() ?? [];
  const filter = metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
  const out: BlockChaincodeEvent[] = [];
  block.getData()?.getDataList_asU8().forEach((envBytes, txIndex) => {
    if ((filter[txIndex] ?? VALID) !== VALID) return;
    const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envBytes).getPayload_asU8());
    const channelHeader = common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array());
    if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) return;
    const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
    for (const action of tx.getActionsList()) {
      const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
      const prp = peer.ProposalResponsePayload.deserializeBinary(actionPayload.getAction()?.getProposalResponsePayload_asU8() ?? new Uint8Array());
      const ccAction = peer.ChaincodeAction.deserializeBinary(prp.getExtension_asU8());
      const eventBytes = ccAction.getEvents_asU8();
      if (eventBytes.length === 0) continue;
      const ev = peer.ChaincodeEvent.deserializeBinary(eventBytes);
      out.push({
        blockNumber,
        txIndex,
        txId: channelHeader.getTxId(),
        chaincodeName: ev.getChaincodeId(),
        eventName: ev.getEventName(),
        payload: ev.getPayload_asU8(),
      });
    }
  });
  return out;
}
