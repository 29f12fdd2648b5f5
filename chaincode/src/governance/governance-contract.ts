import { Governance } from '../api/governance';
import { defineContract } from '../core';
import { approveDatasetChange } from './approve-dataset-change-tx';
import { approveGrant } from './approve-grant-tx';
import { bootstrap } from './bootstrap-tx';
import { proposeGrant } from './propose-grant-tx';
import { putDataset } from './put-dataset-tx';
import * as q from './queries';
import { revokeGrant } from './revoke-grant-tx';
import { setMembers } from './set-members-tx';
import { setRegistrar } from './set-registrar-tx';
import { setSealingOrgs } from './set-sealing-orgs-tx';

/** Governance: registrar map, member list, data catalogue and sharing grants (docs/chaincode-api.md: who may call what). */
export const GovernanceContract = defineContract(Governance, [
  bootstrap, setRegistrar, setMembers, setSealingOrgs, putDataset, approveDatasetChange, proposeGrant, approveGrant, revokeGrant,
  q.getConfig, q.getDataset, q.listDatasets, q.getGrant, q.listGrants, q.history,
]);
