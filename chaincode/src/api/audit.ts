import { z } from 'zod';
import { isoDateTimeSchema, mspIdSchema, pageSizeSchema, subjectKeySchema } from '../core/schema';
import {
  accessIdSchema, activityPageSchema, activitySchema, auditEntrySchema, auditSearchPageSchema, auditSearchSchema, insightBookmarkSchema,
  leakTraceResultSchema, leakTraceSchema, citizenLogSchema, endSealingOrderSchema, entryPageSchema, importEntriesSchema, importResultSchema,
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
  /**
   * Any combination of subject, org, operator, dataset, case id and window; seeks the most selective index into
   * the window and reads a bounded number of entries per call (the console's audit search).
   */
  Search: evaluate({ params: [json('filter', auditSearchSchema), text('pageSize', pageSizeSchema), text('bookmark', insightBookmarkSchema)], result: auditSearchPageSchema }),
  /** Leak tracing: who accessed each leaked subject inside the window; resumable by cursor (cost O(entries of those subjects)). */
  TraceSubjects: evaluate({ params: [json('input', leakTraceSchema)], result: leakTraceResultSchema }),
  /** One page of the time index as projections, for accesses per day per org and the anomaly flags. */
  Activity: evaluate({ params: [json('input', activitySchema)], result: activityPageSchema }),
});
