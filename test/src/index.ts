/**
 * @govchain/test: the end-to-end suites. This entry is their Fabric support for the bench, which drives the same
 * real network: operator clients and identity registration (synthetic citizens come from @govchain/testing).
 */
export { connectAs, type OperatorClient } from './support/fabric';
export { registerCitizen } from './support/identity';
