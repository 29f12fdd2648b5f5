import type { ChaincodeStub } from 'fabric-shim';
import { anchorCollectionOf } from './collections';
import { sha256Hex } from './hashing';

/**
 * Anchors close the gap a key-level policy leaves open: the first write of a key is validated only against the
 * chaincode-level policy (any two departments), so two departments running modified chaincode could create a
 * record in a third department's family, or an audit entry in its name. Every department has an anchors
 * collection whose collection-level endorsement policy is that department's own peer (network/src/chaincode.ts).
 * An honest transaction that creates such a record also writes an anchor there, so it cannot commit without the
 * department's peer; honest readers accept a record only when its anchor hash (visible on every peer, unlike
 * the value) matches. A rogue pair can still create the public key, but readers ignore it, and writing the
 * anchor too is invalidated at commit (ENDORSEMENT_POLICY_FAILURE).
 */
export { anchorCollectionOf, creationAnchor } from './collections';

/** Writes an anchor for `key` into a department's anchors collection. */
export async function putAnchor(stub: ChaincodeStub, mspId: string, key: string, value: Uint8Array): Promise<void> {
  await stub.putPrivateData(anchorCollectionOf(mspId), key, value);
}

/**
 * True when the department's anchors collection holds exactly `value` under `key` (compared by its on-chain
 * hash, which any peer can read). A collection the definition does not know (a made-up MSP) is "not anchored".
 */
export async function isAnchored(stub: ChaincodeStub, mspId: string, key: string, value: Uint8Array): Promise<boolean> {
  let hash: Uint8Array;
  try {
    hash = await stub.getPrivateDataHash(anchorCollectionOf(mspId), key);
  } catch {
    return false;
  }
  return !!hash && hash.length > 0 && Buffer.from(hash).toString('hex') === sha256Hex(value);
}
