import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import * as q from './queries';
import { importEntries } from './import-tx';
import { recordLookup } from './lookup-tx';
import { requestAccess } from './request-access-tx';
import { activityPage } from './activity-query';
import { traceSubjects } from './leak-trace-query';
import { searchEntries } from './search-query';
import { endSealingOrder, getSealingOrder, issueSealingOrder } from './seal-tx';

/**
 * Audit: records personal-data access and identity lookups (append-only, write-once keys), sealing orders,
 * and answers auditors' paginated queries. There is deliberately no transaction that edits or deletes an
 * entry or an order; an order is ended by a separate end record.
 */
@Info({ title: 'Audit', description: 'Personal-data access records (Data Tracker) and their queries' })
export class AuditContract extends Contract {
  constructor() {
    super('Audit');
  }

  @Transaction() @Returns('string')
  public async RequestAccess(ctx: Context, requestId: string, input: string): Promise<string> { return requestAccess(ctx, requestId, input); }

  @Transaction() @Returns('string')
  public async RecordLookup(ctx: Context, requestId: string, input: string): Promise<string> { return recordLookup(ctx, requestId, input); }

  @Transaction() @Returns('string')
  public async IssueSealingOrder(ctx: Context, requestId: string, input: string): Promise<string> { return issueSealingOrder(ctx, requestId, input); }

  @Transaction() @Returns('string')
  public async EndSealingOrder(ctx: Context, requestId: string, input: string): Promise<string> { return endSealingOrder(ctx, requestId, input); }

  @Transaction(false) @Returns('string')
  public async GetSealingOrder(ctx: Context, orderId: string): Promise<string> { return getSealingOrder(ctx, orderId); }

  @Transaction() @Returns('string')
  public async ImportEntries(ctx: Context, requestId: string, input: string): Promise<string> { return importEntries(ctx, requestId, input); }

  @Transaction(false) @Returns('string')
  public async Get(ctx: Context, accessId: string): Promise<string> { return q.getEntry(ctx, accessId); }

  @Transaction(false) @Returns('string')
  public async ListBySubject(ctx: Context, subjectKey: string, view: string, pageSize: string, bookmark: string): Promise<string> {
    return q.bySubject(ctx, subjectKey, view, pageSize, bookmark);
  }

  @Transaction(false) @Returns('string')
  public async ListByAccessor(ctx: Context, accessorMsp: string, operatorId: string, pageSize: string, bookmark: string): Promise<string> {
    return q.byAccessor(ctx, accessorMsp, operatorId, pageSize, bookmark);
  }

  @Transaction(false) @Returns('string')
  public async ListByOrg(ctx: Context, accessorMsp: string, pageSize: string, bookmark: string): Promise<string> {
    return q.byOrg(ctx, accessorMsp, pageSize, bookmark);
  }

  @Transaction(false) @Returns('string')
  public async ListByTime(ctx: Context, from: string, to: string, pageSize: string, bookmark: string): Promise<string> {
    return q.byTime(ctx, from, to, pageSize, bookmark);
  }

  @Transaction(false) @Returns('string')
  public async Search(ctx: Context, filter: string, pageSize: string, bookmark: string): Promise<string> { return searchEntries(ctx, filter, pageSize, bookmark); }

  @Transaction(false) @Returns('string')
  public async TraceSubjects(ctx: Context, input: string): Promise<string> { return traceSubjects(ctx, input); }

  @Transaction(false) @Returns('string')
  public async Activity(ctx: Context, input: string): Promise<string> { return activityPage(ctx, input); }
}
