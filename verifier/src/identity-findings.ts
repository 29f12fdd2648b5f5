import { verifyFabricSignature } from './ecdsa';
import type { CheckRecorder } from './findings';
import { checkIdentity, ecKeyOf, type CheckedIdentity, type NodeRole, type TrustStore } from './trust';

/** Checks an identity and its signature over a message, recording one finding; returns the identity when both hold. */
export async function recordSignedBy(
  rec: CheckRecorder, key: string, serialized: Uint8Array, message: Uint8Array, signature: Uint8Array, trust: TrustStore, at: Date, role?: NodeRole,
): Promise<CheckedIdentity | undefined> {
  const id = await checkIdentity(serialized, trust, at, role);
  const params = { org: id.mspId || '?', name: id.name || '?', role: role ?? '' };
  if (id.fault || !id.certificate) {
    rec.add(false, `${key}.identity-${id.fault ?? 'malformed'}`, params);
    return undefined;
  }
  const ec = ecKeyOf(id.certificate);
  const fault = ec ? await verifyFabricSignature(ec.spki, ec.namedCurve, message, signature) : 'unsupported-key';
  if (fault) {
    rec.add(false, `${key}.signature-${fault}`, params);
    return undefined;
  }
  rec.add(true, `${key}.ok`, params);
  return id;
}
