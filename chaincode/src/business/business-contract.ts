import { Business } from '../api/business';
import { defineContract } from '../core';
import { amendBusiness } from './amend-tx';
import { deregisterBusiness, reinstateBusiness, suspendBusiness } from './change-status-tx';
import { businessHistory, getBusiness, listByLegalRepresentative } from './queries';
import { registerBusiness } from './register-tx';

/** The business (market entity) register, keyed by unified social credit code (docs/chaincode-api.md). */
export const BusinessContract = defineContract(Business, [
  registerBusiness, amendBusiness, suspendBusiness, reinstateBusiness, deregisterBusiness, getBusiness, listByLegalRepresentative, businessHistory,
]);
