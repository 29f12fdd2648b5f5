import { AsnIntegerArrayBufferConverter, AsnProp, AsnPropTypes, AsnConvert } from '@peculiar/asn1-schema';
import { sha256 } from './bytes';
import type { common } from './protos';

/** Fabric's ASN.1 form of a block header: SEQUENCE { number INTEGER, previousHash OCTET STRING, dataHash OCTET STRING }. */
class Asn1BlockHeader {
  @AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })
  number: ArrayBuffer = new ArrayBuffer(0);

  @AsnProp({ type: AsnPropTypes.OctetString })
  previousHash: ArrayBuffer = new ArrayBuffer(0);

  @AsnProp({ type: AsnPropTypes.OctetString })
  dataHash: ArrayBuffer = new ArrayBuffer(0);
}

/** Minimal two's-complement big-endian bytes of a non-negative integer, as DER INTEGER content. */
function integerBytes(n: bigint): ArrayBuffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out.buffer;
}

/** The header fields that Fabric hashes and orderers sign. */
export interface HeaderFields {
  number: bigint;
  previousHash: Uint8Array;
  dataHash: Uint8Array;
}

/** Header fields of a decoded BlockHeader. */
export function headerFields(h: common.BlockHeader): HeaderFields {
  return { number: BigInt(h.getNumber()), previousHash: h.getPreviousHash_asU8(), dataHash: h.getDataHash_asU8() };
}

/** protoutil.BlockHeaderBytes: the DER encoding that orderers sign and that is hashed into the next block. */
export function blockHeaderBytes(h: HeaderFields): Uint8Array {
  const asn = new Asn1BlockHeader();
  asn.number = integerBytes(h.number);
  asn.previousHash = h.previousHash.slice().buffer;
  asn.dataHash = h.dataHash.slice().buffer;
  return new Uint8Array(AsnConvert.serialize(asn));
}

/** protoutil.BlockHeaderHash: SHA-256 of the DER header. */
export const blockHeaderHash = (h: HeaderFields): Promise<Uint8Array> => sha256(blockHeaderBytes(h));
