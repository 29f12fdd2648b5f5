/**
 * @govchain/test: the end-to-end suites. This entry is their Fabric support for the bench, which drives the same
 * real network: operator clients, synthetic citizens (from @govchain/testing) and identity registration.
 */
export { connectAs, type OperatorClient } from './support/fabric';
export { makeCitizen, type Citizen } from './support/citizens';
export { registerCitizen } from './support/identity';
