import { Property } from '../api/property';
import { defineContract } from '../core';
import { amendTitle } from './amend-title-tx';
import { cancelTransfer } from './cancel-transfer-tx';
import { completeTransfer } from './complete-transfer-tx';
import { proposeTransfer } from './propose-transfer-tx';
import * as q from './queries';
import { recordApproval } from './record-approval-tx';
import { recordLenderConsent } from './record-lender-consent-tx';
import { registerEncumbrance } from './register-encumbrance-tx';
import { registerTitle } from './register-title-tx';
import { releaseEncumbrance } from './release-encumbrance-tx';

/** Property titles, transfers and encumbrances (docs/chaincode-api.md: inputs and who may call what). */
export const PropertyContract = defineContract(Property, [
  registerTitle, amendTitle, proposeTransfer, recordApproval, recordLenderConsent, completeTransfer, cancelTransfer, registerEncumbrance,
  releaseEncumbrance, q.getPropertyRecord, q.propertyHistory, q.listTitlesByOwner, q.listTransfers, q.listEncumbrances,
]);
