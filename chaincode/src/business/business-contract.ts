import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { businessHistory, getBusiness, listByLegalRepresentative } from './business-queries';
import { amendBusiness, changeBusinessStatus, registerBusiness } from './business-txs';

/**
 * The business (market entity) register, keyed by unified social credit code. A thin shell over one
 * function per transaction; see docs/chaincode-api.md for inputs and access rules.
 */
@Info({ title: 'Business', description: 'Business register keyed by unified social credit code' })
export class BusinessContract extends Contract {
  constructor() {
    super('Business');
  }

  /** Registers a business (registrar of the business registrar org). */
  @Transaction()
  @Returns('string')
  public async Register(ctx: Context, requestId: string, input: string): Promise<string> {
    return registerBusiness(ctx, requestId, input);
  }

  /** Amends register fields with reason and legal authority (registrar). */
  @Transaction()
  @Returns('string')
  public async Amend(ctx: Context, requestId: string, input: string): Promise<string> {
    return amendBusiness(ctx, requestId, input);
  }

  /** active -> suspended (registrar). */
  @Transaction()
  @Returns('string')
  public async Suspend(ctx: Context, requestId: string, input: string): Promise<string> {
    return changeBusinessStatus(ctx, 'suspend', requestId, input);
  }

  /** suspended -> active (registrar). */
  @Transaction()
  @Returns('string')
  public async Reinstate(ctx: Context, requestId: string, input: string): Promise<string> {
    return changeBusinessStatus(ctx, 'reinstate', requestId, input);
  }

  /** active|suspended -> deregistered, final (registrar). */
  @Transaction()
  @Returns('string')
  public async Deregister(ctx: Context, requestId: string, input: string): Promise<string> {
    return changeBusinessStatus(ctx, 'deregister', requestId, input);
  }

  /** The current version of a business. */
  @Transaction(false)
  @Returns('string')
  public async Get(ctx: Context, code: string): Promise<string> {
    return getBusiness(ctx, code);
  }

  /** Businesses whose legal representative is the subject, paginated. */
  @Transaction(false)
  @Returns('string')
  public async ListByLegalRepresentative(ctx: Context, subjectKey: string, pageSize: string, bookmark: string): Promise<string> {
    return listByLegalRepresentative(ctx, subjectKey, pageSize, bookmark);
  }

  /** Versions of a business, newest first. */
  @Transaction(false)
  @Returns('string')
  public async History(ctx: Context, code: string, pageSize: string, bookmark: string): Promise<string> {
    return businessHistory(ctx, code, pageSize, bookmark);
  }
}
