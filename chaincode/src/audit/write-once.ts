import type { ChaincodeStub } from 'fabric-shim';
import { encodePolicy, everyMember, setKeyPolicyBytes } from '../core/endorsement-policy';

/** Writes one key of the audit trail. */
export type WriteOnce = (key: string, bytes: Uint8Array) => Promise<void>;

/**
 * A writer for keys of the audit trail (entries, their indexes, import batches, sealing orders, their ends and
 * extensions): each key is written once by honest code and gets the key-level policy "every member
 * department's peer" (everyMember), so no pair of departments can later change or delete it. The policy is
 * encoded once per transaction.
 */
export function writeOnce(stub: ChaincodeStub, members: readonly string[]): WriteOnce {
  const policy = encodePolicy(everyMember(members));
  return async (key, bytes) => {
    await stub.putState(key, bytes);
    await setKeyPolicyBytes(stub, key, policy);
  };
}
