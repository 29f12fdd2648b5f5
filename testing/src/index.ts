/** @govchain/testing: the one fixture module of GovChain's tests and bench. Test support only; never shipped. */
export * from './fixtures';
