import { z } from 'zod';
import { historyPageOf, mspIdSchema, pageOf } from '../core/schema';
import {
  approveDatasetChangeResultSchema, approveDatasetChangeSchema, bootstrapSchema, configVersionSchema, datasetIdSchema, datasetSchema, datasetVersionSchema,
  decideGrantSchema, governanceHistoryKindSchema, grantVersionSchema, proposeGrantSchema, purposeSchema, putDatasetResultSchema,
  setMembersSchema, setRegistrarSchema, setSealingOrgsSchema,
} from '../governance/schema';
import { PAGE_PARAMS } from './paging';
import { contract, evaluate, submit, text } from './transaction';

/** Governance: registrar map, member list, sealing orgs, data catalogue and sharing grants. */
export const Governance = contract('Governance', 'Registrar map, data catalogue and sharing grants', {
  Bootstrap: submit(bootstrapSchema, configVersionSchema),
  SetRegistrar: submit(setRegistrarSchema, configVersionSchema),
  SetMembers: submit(setMembersSchema, configVersionSchema),
  SetSealingOrgs: submit(setSealingOrgsSchema, configVersionSchema),
  PutDataset: submit(datasetSchema, putDatasetResultSchema),
  ApproveDatasetChange: submit(approveDatasetChangeSchema, approveDatasetChangeResultSchema),
  ProposeGrant: submit(proposeGrantSchema, grantVersionSchema),
  ApproveGrant: submit(decideGrantSchema, grantVersionSchema),
  RevokeGrant: submit(decideGrantSchema, grantVersionSchema),
  GetConfig: evaluate({ params: [], result: configVersionSchema }),
  GetDataset: evaluate({ params: [text('dataset', datasetIdSchema)], result: datasetVersionSchema }),
  ListDatasets: evaluate({ params: [...PAGE_PARAMS], result: pageOf(datasetVersionSchema) }),
  GetGrant: evaluate({ params: [text('requesterMsp', mspIdSchema), text('dataset', datasetIdSchema), text('purpose', purposeSchema)], result: grantVersionSchema }),
  /** Grants, optionally only those of one requesting org ('' for all). */
  ListGrants: evaluate({ params: [text('requesterMsp', z.union([z.literal(''), mspIdSchema])), ...PAGE_PARAMS], result: pageOf(grantVersionSchema) }),
  /** Versions of a governance record; id: '' for config, the dataset, or the grant id <requesterMsp>/<dataset>/<purpose>. */
  History: evaluate({
    params: [text('kind', governanceHistoryKindSchema), text('id', z.string()), ...PAGE_PARAMS],
    result: historyPageOf(z.union([configVersionSchema, datasetVersionSchema, grantVersionSchema])),
  }),
});
