/** Test support: an in-memory channel and ledger that behave like a Fabric peer where GovChain relies on it. */
export * from './assertions';
export * from './contract-metadata';
export * from './fake-identity';
export * from './gov-fixture';
export * from './memory-ledger';
export * from './memory-stub';
export * from './test-channel';
