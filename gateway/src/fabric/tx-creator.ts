import { X509Certificate } from 'node:crypto';
import { common, msp, type peer } from '@hyperledger/fabric-protos';
import { certificateAttributes } from './identity-store';
import type { TxCreator } from './ledger';
import { certificateSha256 } from './signing-certificate';

/**
 * Who signed a committed transaction: the creator named in its envelope's signature header (the orderer and the
 * validating peers checked the envelope's signature against it). Undefined when the envelope cannot be read.
 */
export function creatorOf(processed: peer.ProcessedTransaction): TxCreator | undefined {
  try {
    const envelope = processed.getTransactionenvelope();
    if (!envelope) return undefined;
    const header = common.Payload.deserializeBinary(envelope.getPayload_asU8()).getHeader();
    if (!header) return undefined;
    const creator = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8()).getCreator_asU8();
    const identity = msp.SerializedIdentity.deserializeBinary(creator);
    const cert = new X509Certificate(Buffer.from(identity.getIdBytes_asU8()));
    const attrs = certificateAttributes(cert.toString());
    return {
      mspId: identity.getMspid(),
      ...(attrs['govchain.operatorId'] ? { operatorId: attrs['govchain.operatorId'] } : {}),
      ...(attrs['govchain.role'] ? { role: attrs['govchain.role'] } : {}),
      certificateSha256: certificateSha256(cert),
    };
  } catch {
    return undefined;
  }
}
