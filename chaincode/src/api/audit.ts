import { z } from 'zod';
import { isoDateTimeSchema, mspIdSchema, subjectKeySchema } from '../core/schema';
import {
  accessIdSchema, auditEntrySchema, citizenLogSchema, endSealingOrderSchema, entryPageSchema, importEntriesSchema, importResultSchema,
  issueSealingOrderSchema, recordLookupSchema, recordedAccessSchema, requestAccessSchema, sealingEndSchema, sealingOrderIdSchema,
  sealingOrderSchema, sealingOrderStateSchema, subjectViewSchema,
} from '../audit/schema';
import { subjectKeyLookupSchema, verifySchema } from '../identity/schema';
import { PERSONAL_DATA_KEY } from './identity';
import { PAGE_PARAMS } from './paging';
import { contract, evaluate, json, submit, text } from './transaction';

/** Audit: the append-only record of every access to personal data and every identity lookup, and sealing orders. */
export const Audit = contract('Audit', 'Personal-data access records (Data Tracker) and their queries', {
  /** Records an access before any data leaves; Identity:ReadPersonalData cites its access id. */
  RequestAccess: submit(requestAccessSchema, recordedAccessSchema),
  /** Records a lookup (the claim only in transient personalData); Identity:Verify / SubjectKey cite it. */
  RecordLookup: submit({
    params: [json('input', recordLookupSchema)],
    transient: { [PERSONAL_DATA_KEY]: z.union([verifySchema, subjectKeyLookupSchema]) },
    result: recordedAccessSchema,
  }),
  IssueSealingOrder: submit(issueSealingOrderSchema, sealingOrderSchema),
  EndSealingOrder: submit(endSealingOrderSchema, sealingEndSchema),
  GetSealingOrder: evaluate({ params: [text('orderId', sealingOrderIdSchema)], result: sealingOrderStateSchema }),
  ImportEntries: submit(importEntriesSchema, importResultSchema),
  Get: evaluate({ params: [text('accessId', accessIdSchema)], result: auditEntrySchema }),
  /** The citizen view answers the withheld count too. */
  ListBySubject: evaluate({ params: [text('subjectKey', subjectKeySchema), text('view', subjectViewSchema), ...PAGE_PARAMS], result: z.union([citizenLogSchema, entryPageSchema]) }),
  ListByAccessor: evaluate({ params: [text('accessorMsp', mspIdSchema), text('operatorId', z.string().min(1).max(128)), ...PAGE_PARAMS], result: entryPageSchema }),
  ListByOrg: evaluate({ params: [text('accessorMsp', mspIdSchema), ...PAGE_PARAMS], result: entryPageSchema }),
  /** Entries with from <= at < to, oldest first. */
  ListByTime: evaluate({ params: [text('from', isoDateTimeSchema), text('to', isoDateTimeSchema), ...PAGE_PARAMS], result: entryPageSchema }),
});
