/**
 * @govchain/chaincode: the typed contract API of the GovChain chaincode, the one entry every other package
 * (gateway, console, verifier, bench, tests) imports. It holds the roles, record types, contract names, the
 * error keys with their HTTP statuses and meanings, the schemas of inputs and records, the pure identifier
 * checks, and for each transaction its name, kind, arguments and result. No Fabric and no Node built-ins:
 * it runs in browsers too. The chaincode server's own entry (the contract classes) is `@govchain/chaincode/contracts`.
 */
import { Audit } from './audit';
import { Business } from './business';
import { Copyright } from './copyright';
import { Governance } from './governance';
import { Identity } from './identity';
import { Property } from './property';
import { System } from './system';
import type { ContractName } from './contracts';
import type { ContractSpec, TxSpec } from './transaction';

export * from './roles';
export * from './record-types';
export * from './contracts';
export * from './errors';
export * from './transaction';
export * from './paging';
export * from './record-keys';
export { Audit, Business, Copyright, Governance, Identity, Property, System };
export { PERSONAL_DATA_KEY } from './identity';

/** Every contract of the chaincode by name. */
export const CONTRACTS = { System, Governance, Identity, Audit, Property, Business, Copyright } as const satisfies Record<ContractName, ContractSpec>;

/** Every transaction of every contract, in contract order. */
export const TRANSACTIONS: readonly TxSpec[] = Object.values(CONTRACTS).flatMap((c) => Object.values(c.tx) as TxSpec[]);

// Schemas of inputs, records and answers, shared by the chaincode's validation and every client's.
export * from '../core/schema';
export * from '../system/schema';
export * from '../governance/schema';
export * from '../identity/schema';
export * from '../audit/schema';
export * from '../property/schema';
export * from '../business/schema';
export * from '../copyright/schema';

// Record keys, refs and types (keys stay as they are on the ledger).
export type { KeyStub, RecordRef } from '../core/keys';
export { GOVERNANCE_CONFIG_KEY } from '../core/governance-config-key';
export * from '../system/records';
export * from '../governance/records';
export * from '../identity/records';
export * from '../audit/records';
export * from '../property/records';
export * from '../business/records';
export * from '../copyright/records';

export * from '../core/collections';

// Identifier checks (GB 11643-1999 resident IDs, GB 32100-2015 unified social credit codes).
export * from '../identity/resident-id';
export * from '../business/uscc';
