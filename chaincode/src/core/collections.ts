import { canonicalBytes } from './canonical-json';

/**
 * Names of the per-department private data collections (docs/conventions.md), which the network defines from
 * these, and the anchor value of a record's creation, which tests of the rogue pair forge. No Node built-ins.
 */

/** The private data collection of an org: personal data and its staging receipts, on that org's peers only. */
export function privateCollectionOf(mspId: string): string {
  return `${mspId}PrivateData`;
}

/**
 * The anchors collection of an org: its collection-level endorsement policy is the org's own peer, so a write
 * into it commits only with that department endorsing (core/anchors.ts).
 */
export function anchorCollectionOf(mspId: string): string {
  return `${mspId}Anchors`;
}


/** The anchor value of a record's creation: it names the record key. */
export function creationAnchor(key: string): Uint8Array {
  return canonicalBytes({ created: key });
}
