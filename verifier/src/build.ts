import { packOthers } from './block-data';
import { toBase64 } from './bytes';
import { decodeTransaction, type DecodedTransaction } from './envelope';
import { RECEIPT_FORMAT, type KeyPolicy, type Receipt } from './format';
import { renderPolicy } from './policy';
import { common, proposalResponse } from './protos';
import { policiesSetBy, privateWritesOf, recordsOf } from './verify';

/** One peer's answer to qscc GetTransactionByID, as sent and received over the Endorser service. */
export interface RawAttestation {
  /** The Proposal bytes (SignedProposal.proposal_bytes) that was sent. */
  proposal: Uint8Array;
  /** The ProposalResponse bytes the peer returned. */
  response: Uint8Array;
}

/** The raw Fabric bytes a receipt is built from. */
export interface ReceiptInputs {
  channel: string;
  /** The transaction; its envelope is taken from the block, byte for byte. */
  txId: string;
  /** The block that contains the transaction (Block bytes from qscc GetBlockByTxID). */
  block: Uint8Array;
  /** The previous block (its header is kept), or null for block 0. */
  previousBlock: Uint8Array | null;
  attestations: RawAttestation[];
  /** The chaincode endorsement policy in Fabric policy language. */
  chaincodePolicy: string;
  /** Loads a block by number (for the key-level policy set by an earlier transaction). */
  fetchBlock(number: bigint): Promise<Uint8Array>;
  /** How many earlier versions to follow back looking for a key's policy (default 32). */
  maxPolicyHops?: number;
  /** Above this many bytes of other envelopes the block data is split into parts (default 4 MiB). */
  inlineBytes?: number;
}

/** A receipt and, for a block too large to inline, the block-data parts that travel beside it. */
export interface BuiltReceipt {
  receipt: Receipt;
  parts: Uint8Array[];
}

/** Why a receipt cannot be built. */
export class ReceiptBuildError extends Error {
  constructor(
    readonly key: 'TX_NOT_IN_BLOCK' | 'ATTESTATION_MALFORMED' | 'BLOCK_MALFORMED',
    message: string,
  ) {
    super(message);
    this.name = 'ReceiptBuildError';
  }
}

function txIdOfEnvelope(bytes: Uint8Array): string {
  try {
    const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(bytes).getPayload_asU8());
    return common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array()).getTxId();
  } catch {
    return '';
  }
}

async function earlierPolicy(
  inputs: ReceiptInputs, namespace: string, key: string, tx: DecodedTransaction,
): Promise<Pick<KeyPolicy, 'policy' | 'source'>> {
  let current = tx;
  for (let hop = 0; hop < (inputs.maxPolicyHops ?? 32); hop++) {
    const read = current.reads.find((r) => r.namespace === namespace && r.key === key);
    if (!read?.version) return { policy: null, source: 'none' };
    const block = common.Block.deserializeBinary(await inputs.fetchBlock(read.version.block));
    const envelope = block.getData()?.getDataList_asU8()[read.version.txIndex];
    if (!envelope) return { policy: null, source: 'none' };
    current = await decodeTransaction(envelope);
    const policy = policiesSetBy(current).get(`${namespace}\u0000${key}`);
    if (policy) return { policy: renderPolicy(policy), source: 'earlier-transaction' };
  }
  return { policy: null, source: 'none' };
}

/** Builds a govchain-receipt/1 from raw Fabric bytes (the gateway's receipts service and the tests use it). */
export async function buildReceipt(inputs: ReceiptInputs): Promise<BuiltReceipt> {
  let block: common.Block;
  try {
    block = common.Block.deserializeBinary(inputs.block);
  } catch {
    throw new ReceiptBuildError('BLOCK_MALFORMED', 'the block does not decode');
  }
  const header = block.getHeader();
  const envelopes = block.getData()?.getDataList_asU8() ?? [];
  const txIndex = envelopes.findIndex((e) => txIdOfEnvelope(e) === inputs.txId);
  const envelope = envelopes[txIndex];
  if (!header || !envelope) throw new ReceiptBuildError('TX_NOT_IN_BLOCK', `transaction ${inputs.txId} is not in block ${header?.getNumber() ?? '?'}`);
  const signatures = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES];
  if (!signatures) throw new ReceiptBuildError('BLOCK_MALFORMED', 'the block has no signature metadata');
  const previousHeader = inputs.previousBlock ? common.Block.deserializeBinary(inputs.previousBlock).getHeader() : undefined;

  const tx = await decodeTransaction(envelope);
  const records = recordsOf(tx);
  const keys: KeyPolicy[] = [];
  // The policy in effect when Fabric validated this transaction: set by an earlier version, never by itself.
  for (const r of records) keys.push({ key: r.key, ...(await earlierPolicy(inputs, r.namespace, r.key, tx)) });

  const attestations = inputs.attestations.map((a) => {
    const response = proposalResponse.ProposalResponse.deserializeBinary(a.response);
    const endorsement = response.getEndorsement();
    if (!endorsement || response.getPayload_asU8().length === 0) throw new ReceiptBuildError('ATTESTATION_MALFORMED', 'a peer answered without an endorsement');
    // Only the signed parts are kept: the payload (which holds the peer's response) and the endorsement.
    return {
      proposal: toBase64(a.proposal),
      payload: toBase64(response.getPayload_asU8()),
      endorser: toBase64(endorsement.getEndorser_asU8()),
      signature: toBase64(endorsement.getSignature_asU8()),
    };
  });

  const packed = await packOthers(envelopes.filter((_, i) => i !== txIndex), inputs.inlineBytes);
  const receipt: Receipt = {
    format: RECEIPT_FORMAT,
    channel: inputs.channel,
    txId: inputs.txId,
    transaction: { envelope: toBase64(envelope) },
    block: {
      number: String(header.getNumber()),
      txIndex,
      header: toBase64(header.serializeBinary()),
      signatures: toBase64(signatures),
      others: packed.others,
      previousHeader: previousHeader ? toBase64(previousHeader.serializeBinary()) : null,
    },
    attestations,
    records,
    privateWrites: privateWritesOf(tx),
    policies: { chaincode: inputs.chaincodePolicy, keys },
  };
  return { receipt, parts: packed.parts };
}

/** The block-data parts of a transaction's block (for serving them beside a receipt); [] when inline. */
export async function blockDataParts(block: Uint8Array, txId: string, inlineBytes?: number): Promise<Uint8Array[]> {
  const envelopes = common.Block.deserializeBinary(block).getData()?.getDataList_asU8() ?? [];
  const txIndex = envelopes.findIndex((e) => txIdOfEnvelope(e) === txId);
  if (txIndex < 0) throw new ReceiptBuildError('TX_NOT_IN_BLOCK', `transaction ${txId} is not in the block`);
  return (await packOthers(envelopes.filter((_, i) => i !== txIndex), inlineBytes)).parts;
}
