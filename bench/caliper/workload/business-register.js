'use strict';
// Caliper workload: Business:Register, one new business per transaction, committed (Caliper waits for the
// commit status). Inputs come from bench/lib/fixtures.mjs, the same builder the REST side uses.
/* global require, module */
// Caliper loads workload modules with require(), so this file stays CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');

class BusinessRegister extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    this.fixtures = await import(roundArguments.fixtures);
    this.seed = { tag: `${roundArguments.tag}w${workerIndex}r${roundIndex}`, base: roundArguments.base + (workerIndex * 10 + roundIndex) * 100000 };
    this.next = 0;
  }

  async submitTransaction() {
    const i = this.next++;
    const a = this.roundArguments;
    const input = this.fixtures.businessInput(this.seed, i, a.legalRepresentative);
    await this.sutAdapter.sendRequests({
      contractId: a.chaincode,
      contractFunction: 'Business:Register',
      contractArguments: [this.fixtures.requestId(this.seed, 'cbiz', i), JSON.stringify(input)],
      invokerIdentity: a.operator,
      invokerMspId: a.mspId,
      readOnly: false,
    });
  }
}

module.exports.createWorkloadModule = () => new BusinessRegister();
