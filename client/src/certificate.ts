import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { arrayBuffer, sha256, toHex } from './bytes';
import { fromPem } from './pem';

/** OID of Fabric CA's attribute extension (JSON `{"attrs":{...}}`). */
const FABRIC_ATTRS_OID = '1.2.3.4.5.6.7.8.1';

function parse(pem: string): Certificate {
  return AsnConvert.parse(arrayBuffer(fromPem(pem)), Certificate);
}

/** The SubjectPublicKeyInfo (DER) a certificate carries. */
export function certificatePublicKeySpki(pem: string): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(parse(pem).tbsCertificate.subjectPublicKeyInfo));
}

/** The GovChain attributes (`govchain.role`, `govchain.operatorId`, ...) of a Fabric CA certificate. */
export function certificateAttributes(pem: string): Record<string, string> {
  const ext = parse(pem).tbsCertificate.extensions?.find((e) => e.extnID === FABRIC_ATTRS_OID);
  if (!ext) return {};
  try {
    const parsed = JSON.parse(new TextDecoder().decode(ext.extnValue.buffer)) as { attrs?: Record<string, string> };
    return parsed.attrs ?? {};
  } catch {
    return {};
  }
}

/** SHA-256 (hex) of a certificate's DER: the name of the key that signs, as the gateway and ledger report it. */
export async function certificateSha256(pem: string): Promise<string> {
  return toHex(await sha256(fromPem(pem)));
}
