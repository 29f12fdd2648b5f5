import { z } from 'zod';
import { Governance, mspIdSchema } from '@govchain/chaincode';
import { datasetIdSchema, purposeSchema } from '@govchain/chaincode';
import type { RouteSpec } from '../http/route-spec';
import { pageQuerySchema, readRoute, routeTable, submitRoute } from './route-helpers';

const TAG = 'Governance';
const grantParams = z.strictObject({ requesterMsp: mspIdSchema, dataset: datasetIdSchema, purpose: purposeSchema });

/** Governance: registrar map, members, data catalogue, sharing grants and their approval. */
export function governanceRoutes(): RouteSpec[] {
  const routes = routeTable(TAG);
  const admin = { roles: ['admin'] } as const;
  const grant = { pathFields: { requesterMsp: 'requesterMsp', dataset: 'dataset', purpose: 'purpose' } } as const;
  const dataset = routes.resource('/api/v1/catalogue/{dataset}', 'dataset', datasetIdSchema, 'dataset');
  return [
    readRoute({ path: '/api/v1/governance/config', operationId: 'getGovernanceConfig', summary: 'Registrar map and member list', tag: TAG, tx: Governance.tx.GetConfig, args: () => [] }),
    routes.submit('/api/v1/governance/bootstrap', 'bootstrapGovernance', 'One-time bootstrap of the governance record (governing org admin)', Governance.tx.Bootstrap, admin),
    routes.submit('/api/v1/governance/registrars', 'setRegistrar', 'Set the registrar org of a record type', Governance.tx.SetRegistrar, admin),
    routes.submit('/api/v1/governance/members', 'setMembers', 'Replace the member list', Governance.tx.SetMembers, admin),
    routes.submit('/api/v1/governance/sealing-orgs', 'setSealingOrgs', 'Name the orgs whose investigators may issue sealing orders', Governance.tx.SetSealingOrgs, admin),
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
    routes.submit('/api/v1/catalogue', 'putDataset', 'Create or amend a catalogue entry (a change of owner, share class or fields stays pending until the owner approves)', Governance.tx.PutDataset),
    dataset.submit('/approval', 'approveDatasetChange', 'The owner\'s admin (and a new owner\'s) approves the pending change of a catalogue entry', Governance.tx.ApproveDatasetChange, admin),
    dataset.get('', 'getDataset', 'One catalogue entry', Governance.tx.GetDataset),
    routes.submit('/api/v1/grants', 'proposeGrant', 'Propose a sharing grant (one requester, dataset and purpose, with expiry)', Governance.tx.ProposeGrant),
    readRoute({
      path: '/api/v1/grants', operationId: 'listGrants', summary: 'Sharing grants, optionally of one requesting org', tag: TAG, tx: Governance.tx.ListGrants, query: pageQuerySchema.extend({ requesterMsp: mspIdSchema.optional() }).strict(),
      args: (_p, q) => [q.requesterMsp ?? '', q.pageSize, q.bookmark],
    }),
    readRoute({
      path: '/api/v1/grants/{requesterMsp}/{dataset}/{purpose}', operationId: 'getGrant', summary: 'One sharing grant', tag: TAG, tx: Governance.tx.GetGrant, params: grantParams, args: (p) => [p.requesterMsp, p.dataset, p.purpose],
    }),
    submitRoute({ path: '/api/v1/grants/{requesterMsp}/{dataset}/{purpose}/approval', operationId: 'approveGrant', summary: 'Approve a proposed grant (dataset owner / governance)', tag: TAG, tx: Governance.tx.ApproveGrant, ...grant }),
    submitRoute({ path: '/api/v1/grants/{requesterMsp}/{dataset}/{purpose}/revocation', operationId: 'revokeGrant', summary: 'Revoke a grant', tag: TAG, tx: Governance.tx.RevokeGrant, ...grant }),
  ];
}
