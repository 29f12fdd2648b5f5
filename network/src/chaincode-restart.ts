import { restartNode } from './faults';

/** Restarts the chaincode server on rebuilt code; with CCaaS the package id and the definition stay the same. */
export async function restartChaincode(log: (s: string) => void = console.log): Promise<void> {
  await restartNode('chaincode', { log });
}
