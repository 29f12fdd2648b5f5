/**
 * Chaincode test support (never in the chaincode's production build, never loaded by the chaincode server): an
 * in-memory channel and ledger that behave like a Fabric peer where GovChain relies on it, and the channel
 * fixtures (MSPs, operators, bootstrap). Citizens, codes and parcels come from @govchain/testing.
 */
export { citizen, hex, residentId } from '@govchain/testing';
export * from './assertions';
export * from './contract-metadata';
export * from './fake-identity';
export * from './gov-fixture';
export * from './memory-ledger';
export * from './memory-stub';
export * from './test-channel';
