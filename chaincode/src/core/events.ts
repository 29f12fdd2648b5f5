import type { ChaincodeStub } from 'fabric-shim';
import { canonicalBytes } from './canonical-json';

/** Event name fixed by docs/conventions.md. */
export const EVENT_NAME = 'GovChainEvent';

/** One record change in a transaction; ids are record ids or subject keys, never personal data. */
export interface Change {
  family: string;
  id: string;
  action: string;
  version: number;
}

/** The event payload: versioned envelope listing every change of the transaction. */
export interface EventEnvelope {
  v: 1;
  txId: string;
  changes: Change[];
}

/**
 * Emits the single event of a transaction. Fabric keeps only the last setEvent of a transaction, so
 * changes are collected first (see Tx.recordChange) and emitted once here.
 */
export function emitChanges(stub: ChaincodeStub, changes: readonly Change[]): void {
  if (changes.length === 0) return;
  const envelope: EventEnvelope = { v: 1, txId: stub.getTxID(), changes: [...changes] };
  stub.setEvent(EVENT_NAME, canonicalBytes(envelope));
}
