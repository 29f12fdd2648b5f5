import { bytesEqual, concatBytes, sha256, toHex } from './bytes';
import { DecodeError } from './errors';
import { chaincode, common, kvrwset, proposal, proposalResponse, rwset, transaction } from './protos';
import { decodeStrict } from './strict-decode';

/** One endorsement of the transaction: who, and their signature over the proposal response payload. */
export interface EndorsementBytes {
  endorser: Uint8Array;
  signature: Uint8Array;
}

/** A public write in one namespace. */
export interface PublicWrite {
  namespace: string;
  key: string;
  value: Uint8Array | null;
}

/** A public read in one namespace, with the version (block, tx) it read; null when the key was absent. */
export interface PublicRead {
  namespace: string;
  key: string;
  version: { block: bigint; txIndex: number } | null;
}

/** A key-level metadata write (e.g. VALIDATION_PARAMETER) in one namespace. */
export interface MetadataWrite {
  namespace: string;
  key: string;
  entries: Map<string, Uint8Array>;
}

/** A hashed private write. */
export interface HashedWrite {
  namespace: string;
  collection: string;
  keyHash: Uint8Array;
  valueHash: Uint8Array | null;
}

/** What a committed endorser transaction says, decoded strictly from its bytes. */
export interface DecodedTransaction {
  payload: Uint8Array;
  signature: Uint8Array;
  channel: string;
  txId: string;
  type: number;
  timestamp: Date;
  creator: Uint8Array;
  nonce: Uint8Array;
  /** Transaction id re-derived as SHA-256(nonce || creator), as Fabric computes it. */
  derivedTxId: string;
  chaincodeName: string;
  /** ProposalResponsePayload bytes that every endorser signed. */
  proposalResponsePayload: Uint8Array;
  /** True when the proposal hash inside the signed payload matches this transaction's header and payload. */
  proposalHashMatches: boolean;
  endorsements: EndorsementBytes[];
  responseStatus: number;
  reads: PublicRead[];
  writes: PublicWrite[];
  metadataWrites: MetadataWrite[];
  hashedWrites: HashedWrite[];
}

const ENDORSER_TRANSACTION = common.HeaderType.ENDORSER_TRANSACTION;

/** Timestamp of a channel header. */
export function timestampOf(ch: common.ChannelHeader): Date {
  const ts = ch.getTimestamp();
  return new Date((ts?.getSeconds() ?? 0) * 1000 + Math.floor((ts?.getNanos() ?? 0) / 1e6));
}

function decodeRwSet(results: Uint8Array): Pick<DecodedTransaction, 'reads' | 'writes' | 'metadataWrites' | 'hashedWrites'> {
  const txRwSet = decodeStrict(rwset.TxReadWriteSet, results, 'read-write set');
  const out: Pick<DecodedTransaction, 'reads' | 'writes' | 'metadataWrites' | 'hashedWrites'> = { reads: [], writes: [], metadataWrites: [], hashedWrites: [] };
  for (const ns of txRwSet.getNsRwsetList()) {
    const namespace = ns.getNamespace();
    const kv = decodeStrict(kvrwset.KVRWSet, ns.getRwset_asU8(), `read-write set of ${namespace}`);
    for (const r of kv.getReadsList()) {
      const v = r.getVersion();
      out.reads.push({ namespace, key: r.getKey(), version: v ? { block: BigInt(v.getBlockNum()), txIndex: v.getTxNum() } : null });
    }
    for (const w of kv.getWritesList()) out.writes.push({ namespace, key: w.getKey(), value: w.getIsDelete() ? null : w.getValue_asU8() });
    for (const m of kv.getMetadataWritesList()) {
      out.metadataWrites.push({ namespace, key: m.getKey(), entries: new Map(m.getEntriesList().map((e) => [e.getName(), e.getValue_asU8()])) });
    }
    for (const c of ns.getCollectionHashedRwsetList()) {
      const collection = c.getCollectionName();
      const hashed = decodeStrict(kvrwset.HashedRWSet, c.getHashedRwset_asU8(), `hashed read-write set of ${collection}`);
      for (const w of hashed.getHashedWritesList()) {
        out.hashedWrites.push({ namespace, collection, keyHash: w.getKeyHash_asU8(), valueHash: w.getIsDelete() ? null : w.getValueHash_asU8() });
      }
    }
  }
  return out;
}

/**
 * Decodes a committed endorser-transaction Envelope. Every nested structure must re-encode to the bytes it
 * came from (see decodeStrict), and the transaction must carry exactly one chaincode action.
 * Throws DecodeError naming the part that is malformed.
 */
export async function decodeTransaction(envelopeBytes: Uint8Array): Promise<DecodedTransaction> {
  const env = decodeStrict(common.Envelope, envelopeBytes, 'envelope');
  const payloadBytes = env.getPayload_asU8();
  const payload = decodeStrict(common.Payload, payloadBytes, 'envelope payload');
  const header = payload.getHeader();
  if (!header) throw new DecodeError('transaction header');
  const chBytes = header.getChannelHeader_asU8();
  const shBytes = header.getSignatureHeader_asU8();
  const ch = decodeStrict(common.ChannelHeader, chBytes, 'channel header');
  const sh = decodeStrict(common.SignatureHeader, shBytes, 'signature header');
  if (ch.getType() !== ENDORSER_TRANSACTION) throw new DecodeError('transaction type (not an endorser transaction)');
  const ext = decodeStrict(proposal.ChaincodeHeaderExtension, ch.getExtension_asU8(), 'chaincode header extension');
  const tx = decodeStrict(transaction.Transaction, payload.getData_asU8(), 'transaction');
  const actions = tx.getActionsList();
  if (actions.length !== 1) throw new DecodeError('transaction actions (exactly one expected)');
  const action = actions[0] as transaction.TransactionAction;
  if (!bytesEqual(action.getHeader_asU8(), shBytes)) throw new DecodeError('action header (differs from the transaction signature header)');
  const cap = decodeStrict(transaction.ChaincodeActionPayload, action.getPayload_asU8(), 'chaincode action payload');
  const endorsed = cap.getAction();
  if (!endorsed) throw new DecodeError('endorsed action');
  const prpBytes = endorsed.getProposalResponsePayload_asU8();
  const prp = decodeStrict(proposalResponse.ProposalResponsePayload, prpBytes, 'proposal response payload');
  const ccAction = decodeStrict(proposal.ChaincodeAction, prp.getExtension_asU8(), 'chaincode action');
  // protoutil.GetProposalHash2: SHA-256(channel header || signature header || chaincode proposal payload).
  const expectedHash = await sha256(concatBytes(chBytes, shBytes, cap.getChaincodeProposalPayload_asU8()));
  const creator = sh.getCreator_asU8();
  const nonce = sh.getNonce_asU8();
  return {
    payload: payloadBytes,
    signature: env.getSignature_asU8(),
    channel: ch.getChannelId(),
    txId: ch.getTxId(),
    type: ch.getType(),
    timestamp: timestampOf(ch),
    creator,
    nonce,
    derivedTxId: toHex(await sha256(concatBytes(nonce, creator))),
    chaincodeName: ext.getChaincodeId()?.getName() ?? '',
    proposalResponsePayload: prpBytes,
    proposalHashMatches: bytesEqual(prp.getProposalHash_asU8(), expectedHash),
    endorsements: endorsed.getEndorsementsList().map((e) => ({ endorser: e.getEndorser_asU8(), signature: e.getSignature_asU8() })),
    responseStatus: ccAction.getResponse()?.getStatus() ?? 0,
    ...decodeRwSet(ccAction.getResults_asU8()),
  };
}

/** The chaincode name and arguments of a proposal's invocation spec. */
export function invocationOf(payloadBytes: Uint8Array): { chaincode: string; args: string[] } {
  const cpp = decodeStrict(proposal.ChaincodeProposalPayload, payloadBytes, 'proposal payload');
  if (cpp.getTransientmapMap().getLength() > 0) throw new DecodeError('proposal payload (transient data)');
  const cis = decodeStrict(chaincode.ChaincodeInvocationSpec, cpp.getInput_asU8(), 'invocation spec');
  const spec = cis.getChaincodeSpec();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return { chaincode: spec?.getChaincodeId()?.getName() ?? '', args: (spec?.getInput()?.getArgsList_asU8() ?? []).map((a) => decoder.decode(a)) };
}
