/**
 * TEST-ONLY entry module of the rogue chaincode server: the honest GovChain contracts plus RogueContract.
 * fabric-chaincode-node reads `contracts` from the module named by a package.json `main` (see support/rogue.ts).
 */
import { contracts as honest } from '@govchain/chaincode/contracts';
import { RogueContract } from './rogue-contract';

/** Contract classes, as fabric-chaincode-node expects them. */
export const contracts: Array<new () => object> = [...honest, RogueContract];
