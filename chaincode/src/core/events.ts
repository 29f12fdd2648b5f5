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

/**
 * The event payload: versioned envelope listing every change of the transaction, and the MSP of the client
 * that submitted it, so the gateway streams each operator only their own org's transactions.
 */
export interface EventEnvelope {
  v: 1;
  txId: string;
  org: string;
  changes: Change[];
}

/**
 * Emits the single event of a transaction. Fabric keeps only the last setEvent of a transaction, so
 * changes are collected first (see Tx.recordChange) and emitted once here. Transactions that must not be
 * announced (a sealed access, a sealing order) record no change, so they emit no event at all.
 */
export function emitChanges(stub: ChaincodeStub, org: string, changes: readonly Change[]): void {
  if (changes.length === 0) return;
  const envelope: EventEnvelope = { v: 1, txId: stub.getTxID(), org, changes: [...changes] };
  stub.setEvent(EVENT_NAME, canonicalBytes(envelope));
}
