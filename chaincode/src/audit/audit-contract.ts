import { Audit } from '../api/audit';
import { defineContract } from '../core';
import { endSealingOrder } from './end-sealing-order-tx';
import { activity } from './activity-query';
import { importEntries } from './import-entries-tx';
import { issueSealingOrder } from './issue-sealing-order-tx';
import * as q from './queries';
import { recordLookup } from './record-lookup-tx';
import { requestAccess } from './request-access-tx';
import { traceSubjectsTx } from './leak-trace-query';
import { search } from './search-query';

/**
 * Audit: records personal-data access and identity lookups (append-only, write-once keys), sealing orders,
 * and answers auditors' paginated queries. There is deliberately no transaction that edits or deletes an
 * entry or an order; an order is ended by a separate end record.
 */
export const AuditContract = defineContract(Audit, [
  requestAccess, recordLookup, issueSealingOrder, endSealingOrder, q.getSealingOrder, importEntries, q.getEntry, q.bySubject, q.byAccessor, q.byOrg, q.byTime,
  search, traceSubjectsTx, activity,
]);
