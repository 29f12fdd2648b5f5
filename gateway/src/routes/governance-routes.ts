import { z } from 'zod';
import { mspIdSchema } from '@govchain/chaincode';
import {
  approveDatasetChangeSchema, bootstrapSchema, datasetIdSchema, datasetSchema, decideGrantSchema, proposeGrantSchema, purposeSchema, setMembersSchema,
  setRegistrarSchema, setSealingOrgsSchema,
} from '@govchain/chaincode';
import type { RouteSpec } from '../http/route-spec';
import { pageQuerySchema, readRoute, submitRoute } from './route-helpers';

const TAG = 'Governance';
const grantParams = z.strictObject({ requesterMsp: mspIdSchema, dataset: datasetIdSchema, purpose: purposeSchema });

/** Governance: registrar map, members, data catalogue, sharing grants and their approval. */
export function governanceRoutes(): RouteSpec[] {
  return [
    readRoute({ path: '/api/v1/governance/config', operationId: 'getGovernanceConfig', summary: 'Registrar map and member list', tag: TAG, contract: 'Governance', transaction: 'GetConfig', args: () => [] }),
    submitRoute({
      path: '/api/v1/governance/bootstrap', operationId: 'bootstrapGovernance', summary: 'One-time bootstrap of the governance record (governing org admin)', tag: TAG,
      contract: 'Governance', transaction: 'Bootstrap', input: bootstrapSchema, roles: ['admin'],
    }),
    submitRoute({
      path: '/api/v1/governance/registrars', operationId: 'setRegistrar', summary: 'Set the registrar org of a record type', tag: TAG,
      contract: 'Governance', transaction: 'SetRegistrar', input: setRegistrarSchema, roles: ['admin'],
    }),
    submitRoute({
      path: '/api/v1/governance/members', operationId: 'setMembers', summary: 'Replace the member list', tag: TAG,
      contract: 'Governance', transaction: 'SetMembers', input: setMembersSchema, roles: ['admin'],
    }),
    submitRoute({
      path: '/api/v1/governance/sealing-orgs', operationId: 'setSealingOrgs', summary: 'Name the orgs whose investigators may issue sealing orders', tag: TAG,
      contract: 'Governance', transaction: 'SetSealingOrgs', input: setSealingOrgsSchema, roles: ['admin'],
    }),
    readRoute({
      path: '/api/v1/governance/history', operationId: 'governanceHistory', summary: 'Versions of a governance record (config, dataset or grant <msp>/<dataset>/<purpose>)', tag: TAG,
      contract: 'Governance', transaction: 'History', paged: true,
      query: pageQuerySchema.extend({ kind: z.enum(['config', 'dataset', 'grant']), id: z.string().max(300).default('') }).strict(),
      args: (_p, q) => [q.kind, q.id, String(q.pageSize), q.bookmark],
    }),
    readRoute({
      path: '/api/v1/catalogue', operationId: 'listDatasets', summary: 'Data catalogue entries', tag: TAG, contract: 'Governance', transaction: 'ListDatasets',
      query: pageQuerySchema, paged: true, args: (_p, q) => [String(q.pageSize), q.bookmark],
    }),
    submitRoute({
      path: '/api/v1/catalogue', operationId: 'putDataset', summary: 'Create or amend a catalogue entry (a change of owner, share class or fields stays pending until the owner approves)', tag: TAG,
      contract: 'Governance', transaction: 'PutDataset', input: datasetSchema,
    }),
    submitRoute({
      path: '/api/v1/catalogue/{dataset}/approval', operationId: 'approveDatasetChange', summary: 'The owner\'s admin (and a new owner\'s) approves the pending change of a catalogue entry', tag: TAG,
      contract: 'Governance', transaction: 'ApproveDatasetChange', input: approveDatasetChangeSchema, pathFields: { dataset: 'dataset' }, roles: ['admin'],
    }),
    readRoute({
      path: '/api/v1/catalogue/{dataset}', operationId: 'getDataset', summary: 'One catalogue entry', tag: TAG, contract: 'Governance', transaction: 'GetDataset',
      params: z.strictObject({ dataset: datasetIdSchema }), args: (p) => [p.dataset],
    }),
    submitRoute({
      path: '/api/v1/grants', operationId: 'proposeGrant', summary: 'Propose a sharing grant (one requester, dataset and purpose, with expiry)', tag: TAG,
      contract: 'Governance', transaction: 'ProposeGrant', input: proposeGrantSchema,
    }),
    readRoute({
      path: '/api/v1/grants', operationId: 'listGrants', summary: 'Sharing grants, optionally of one requesting org', tag: TAG, contract: 'Governance',
      transaction: 'ListGrants', paged: true, query: pageQuerySchema.extend({ requesterMsp: mspIdSchema.optional() }).strict(),
      args: (_p, q) => [q.requesterMsp ?? '', String(q.pageSize), q.bookmark],
    }),
    readRoute({
      path: '/api/v1/grants/{requesterMsp}/{dataset}/{purpose}', operationId: 'getGrant', summary: 'One sharing grant', tag: TAG, contract: 'Governance',
      transaction: 'GetGrant', params: grantParams, args: (p) => [p.requesterMsp, p.dataset, p.purpose],
    }),
    submitRoute({
      path: '/api/v1/grants/{requesterMsp}/{dataset}/{purpose}/approval', operationId: 'approveGrant', summary: 'Approve a proposed grant (dataset owner / governance)', tag: TAG,
      contract: 'Governance', transaction: 'ApproveGrant', input: decideGrantSchema, pathFields: { requesterMsp: 'requesterMsp', dataset: 'dataset', purpose: 'purpose' },
    }),
    submitRoute({
      path: '/api/v1/grants/{requesterMsp}/{dataset}/{purpose}/revocation', operationId: 'revokeGrant', summary: 'Revoke a grant', tag: TAG,
      contract: 'Governance', transaction: 'RevokeGrant', input: decideGrantSchema, pathFields: { requesterMsp: 'requesterMsp', dataset: 'dataset', purpose: 'purpose' },
    }),
  ];
}

