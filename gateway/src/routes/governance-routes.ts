import { z } from 'zod';
import { Governance, mspIdSchema } from '@govchain/chaincode';
import { datasetIdSchema, purposeSchema } from '@govchain/chaincode';
import type { RouteSpec } from '../http/route-spec';
import { pageQuerySchema, readRoute, submitRoute } from './route-helpers';

const TAG = 'Governance';
const grantParams = z.strictObject({ requesterMsp: mspIdSchema, dataset: datasetIdSchema, purpose: purposeSchema });

/** Governance: registrar map, members, data catalogue, sharing grants and their approval. */
export function governanceRoutes(): RouteSpec[] {
  return [
    readRoute({ path: '/api/v1/governance/config', operationId: 'getGovernanceConfig', summary: 'Registrar map and member list', tag: TAG, tx: Governance.tx.GetConfig, args: () => [] }),
    submitRoute({
      path: '/api/v1/governance/bootstrap', operationId: 'bootstrapGovernance', summary: 'One-time bootstrap of the governance record (governing org admin)', tag: TAG,
      tx: Governance.tx.Bootstrap, roles: ['admin'],
    }),
    submitRoute({
      path: '/api/v1/governance/registrars', operationId: 'setRegistrar', summary: 'Set the registrar org of a record type', tag: TAG,
      tx: Governance.tx.SetRegistrar, roles: ['admin'],
    }),
    submitRoute({
      path: '/api/v1/governance/members', operationId: 'setMembers', summary: 'Replace the member list', tag: TAG,
      tx: Governance.tx.SetMembers, roles: ['admin'],
    }),
    submitRoute({
      path: '/api/v1/governance/sealing-orgs', operationId: 'setSealingOrgs', summary: 'Name the orgs whose investigators may issue sealing orders', tag: TAG,
      tx: Governance.tx.SetSealingOrgs, roles: ['admin'],
    }),
    readRoute({
      path: '/api/v1/governance/history', operationId: 'governanceHistory', summary: 'Versions of a governance record (config, dataset or grant <msp>/<dataset>/<purpose>)', tag: TAG,
      tx: Governance.tx.History,
      query: pageQuerySchema.extend({ kind: z.enum(['config', 'dataset', 'grant']), id: z.string().max(300).default('') }).strict(),
      args: (_p, q) => [q.kind, q.id, q.pageSize, q.bookmark],
    }),
    readRoute({
      path: '/api/v1/catalogue', operationId: 'listDatasets', summary: 'Data catalogue entries', tag: TAG, tx: Governance.tx.ListDatasets,
      query: pageQuerySchema, args: (_p, q) => [q.pageSize, q.bookmark],
    }),
    submitRoute({
      path: '/api/v1/catalogue', operationId: 'putDataset', summary: 'Create or amend a catalogue entry (a change of owner, share class or fields stays pending until the owner approves)', tag: TAG,
      tx: Governance.tx.PutDataset,
    }),
    submitRoute({
      path: '/api/v1/catalogue/{dataset}/approval', operationId: 'approveDatasetChange', summary: 'The owner\'s admin (and a new owner\'s) approves the pending change of a catalogue entry', tag: TAG,
      tx: Governance.tx.ApproveDatasetChange, pathFields: { dataset: 'dataset' }, roles: ['admin'],
    }),
    readRoute({
      path: '/api/v1/catalogue/{dataset}', operationId: 'getDataset', summary: 'One catalogue entry', tag: TAG, tx: Governance.tx.GetDataset,
      params: z.strictObject({ dataset: datasetIdSchema }), args: (p) => [p.dataset],
    }),
    submitRoute({
      path: '/api/v1/grants', operationId: 'proposeGrant', summary: 'Propose a sharing grant (one requester, dataset and purpose, with expiry)', tag: TAG,
      tx: Governance.tx.ProposeGrant,
    }),
    readRoute({
      path: '/api/v1/grants', operationId: 'listGrants', summary: 'Sharing grants, optionally of one requesting org', tag: TAG, tx: Governance.tx.ListGrants, query: pageQuerySchema.extend({ requesterMsp: mspIdSchema.optional() }).strict(),
      args: (_p, q) => [q.requesterMsp ?? '', q.pageSize, q.bookmark],
    }),
    readRoute({
      path: '/api/v1/grants/{requesterMsp}/{dataset}/{purpose}', operationId: 'getGrant', summary: 'One sharing grant', tag: TAG, tx: Governance.tx.GetGrant, params: grantParams, args: (p) => [p.requesterMsp, p.dataset, p.purpose],
    }),
    submitRoute({
      path: '/api/v1/grants/{requesterMsp}/{dataset}/{purpose}/approval', operationId: 'approveGrant', summary: 'Approve a proposed grant (dataset owner / governance)', tag: TAG,
      tx: Governance.tx.ApproveGrant, pathFields: { requesterMsp: 'requesterMsp', dataset: 'dataset', purpose: 'purpose' },
    }),
    submitRoute({
      path: '/api/v1/grants/{requesterMsp}/{dataset}/{purpose}/revocation', operationId: 'revokeGrant', summary: 'Revoke a grant', tag: TAG,
      tx: Governance.tx.RevokeGrant, pathFields: { requesterMsp: 'requesterMsp', dataset: 'dataset', purpose: 'purpose' },
    }),
  ];
}

