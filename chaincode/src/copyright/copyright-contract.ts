import { Copyright } from '../api/copyright';
import { defineContract } from '../core';
import { amendLicence } from './amend-licence-tx';
import { deposit } from './deposit-tx';
import { listByPerson } from './person-index';
import * as q from './queries';
import { recordLicence } from './record-licence-tx';
import { recordTransfer } from './record-transfer-tx';
import { terminateLicence } from './terminate-licence-tx';

/** Copyright deposit (evidence of existence by SHA-256), rights transfers and licences (docs/chaincode-api.md). */
export const CopyrightContract = defineContract(Copyright, [
  deposit, recordTransfer, recordLicence, amendLicence, terminateLicence, q.verifyByHash, q.getCopyrightRecord, q.copyrightHistory, q.listTransfers, q.listLicences,
  listByPerson,
]);
