import { common, msp } from '@hyperledger/fabric-protos';
import { NetworkError } from './errors';

/**
 * The envelope of a channel config update and the admins' signatures on it, as protobuf bytes. The update's bytes
 * (`config_update`) are kept as they are, never decoded and re-encoded: every signature covers exactly those bytes,
 * so a signature made on one host stays valid when another host adds it to the envelope.
 */

/** The unsigned CONFIG_UPDATE envelope of `update` (the ConfigUpdate bytes configtxlator computed) for `channel`. */
export function unsignedUpdateEnvelope(channel: string, update: Uint8Array): Uint8Array {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.CONFIG_UPDATE);
  channelHeader.setChannelId(channel);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  const configUpdateEnvelope = new common.ConfigUpdateEnvelope();
  configUpdateEnvelope.setConfigUpdate(update);
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(configUpdateEnvelope.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope.serializeBinary();
}

/** Decodes an update envelope into its payload and ConfigUpdateEnvelope; CONFIG_UPDATE_INVALID for anything else. */
function openEnvelope(bytes: Uint8Array): { payload: common.Payload; update: common.ConfigUpdateEnvelope } {
  try {
    const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(bytes).getPayload_asU8());
    const type = common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8()).getType();
    if (type !== common.HeaderType.CONFIG_UPDATE) throw new Error(`header type ${type}, not CONFIG_UPDATE`);
    return { payload, update: common.ConfigUpdateEnvelope.deserializeBinary(payload.getData_asU8()) };
  } catch (err) {
    throw new NetworkError('CONFIG_UPDATE_INVALID', `not a channel config update envelope: ${(err as Error).message}`, 'prepare it again: npm run org:add -- --org <name> --prepare');
  }
}

/** The ConfigUpdate bytes the envelope carries (what every signature covers). */
export function updateBytes(envelope: Uint8Array): Uint8Array {
  return openEnvelope(envelope).update.getConfigUpdate_asU8();
}

/** The MSP id that made a config signature (its signature header's creator). */
export function signerMsp(signature: Uint8Array): string {
  const sig = common.ConfigSignature.deserializeBinary(signature);
  const creator = common.SignatureHeader.deserializeBinary(sig.getSignatureHeader_asU8()).getCreator_asU8();
  return msp.SerializedIdentity.deserializeBinary(creator).getMspid();
}

/**
 * The signature `peer channel signconfigtx` added to a copy of the unsigned envelope: the copy must carry the same
 * update bytes and exactly one signature more. Returned as a serialised ConfigSignature (the signature file).
 */
export function addedSignature(unsigned: Uint8Array, signed: Uint8Array): Uint8Array {
  const before = openEnvelope(unsigned).update;
  const after = openEnvelope(signed).update;
  if (Buffer.compare(Buffer.from(before.getConfigUpdate_asU8()), Buffer.from(after.getConfigUpdate_asU8())) !== 0) {
    throw new NetworkError('CONFIG_UPDATE_INVALID', 'the signed envelope carries a different update than the prepared one');
  }
  const added = after.getSignaturesList().slice(before.getSignaturesList().length);
  if (added.length !== 1) throw new NetworkError('CONFIG_UPDATE_INVALID', `expected one new signature on the update, found ${added.length}`);
  return added[0]!.serializeBinary();
}

/** The envelope with the given signatures (serialised ConfigSignatures) appended, update bytes untouched. */
export function withSignatures(envelope: Uint8Array, signatures: Uint8Array[]): Uint8Array {
  const { payload, update } = openEnvelope(envelope);
  for (const s of signatures) update.addSignatures(common.ConfigSignature.deserializeBinary(s));
  payload.setData(update.serializeBinary());
  const out = new common.Envelope();
  out.setPayload(payload.serializeBinary());
  return out.serializeBinary();
}

/** How many admins' signatures a `MAJORITY Admins` policy over `orgs` orgs needs. */
export const majority = (orgs: number): number => Math.floor(orgs / 2) + 1;
