import 'reflect-metadata';
import type { Contract } from 'fabric-contract-api';

/** A transaction as fabric-contract-api records it from the decorators. */
export interface TransactionMetadata {
  name: string;
  tag: string[];
  parameters: Array<{ name: string; schema?: unknown }>;
  returns?: unknown;
}

/** Reads the @Transaction metadata fabric-contract-api attached to a contract instance's prototype. */
export function transactionsOf(contract: Contract): TransactionMetadata[] {
  const proto = Object.getPrototypeOf(contract) as object;
  return (Reflect.getMetadata('fabric:transactions', proto) as TransactionMetadata[] | undefined) ?? [];
}

/** Whether a transaction is declared as submit (commit) rather than evaluate. */
export function isSubmit(tx: TransactionMetadata): boolean {
  return tx.tag.includes('SUBMIT');
}
