import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { copyrightHistory, getCopyrightRecord, listDepositChildren, verifyByHash } from './copyright-queries';
import { deposit } from './deposit-tx';
import { listByPerson } from './person-index';
import { amendLicence, recordLicence, recordTransfer, terminateLicence } from './rights-txs';

/**
 * Copyright deposit (evidence of existence by SHA-256), rights transfers and licences. A thin shell over
 * one function per transaction; see docs/chaincode-api.md.
 */
@Info({ title: 'Copyright', description: 'Copyright deposit by hash, transfers and licences' })
export class CopyrightContract extends Contract {
  constructor() {
    super('Copyright');
  }

  /** Deposits a work by hash (registrar or clerk of the copyright registrar org). */
  @Transaction()
  @Returns('string')
  public async Deposit(ctx: Context, requestId: string, input: string): Promise<string> {
    return deposit(ctx, requestId, input);
  }

  /** Records a transfer of the rights to new holders (registrar). */
  @Transaction()
  @Returns('string')
  public async RecordTransfer(ctx: Context, requestId: string, input: string): Promise<string> {
    return recordTransfer(ctx, requestId, input);
  }

  /** Records a licence (registrar). */
  @Transaction()
  @Returns('string')
  public async RecordLicence(ctx: Context, requestId: string, input: string): Promise<string> {
    return recordLicence(ctx, requestId, input);
  }

  /** Amends a licence's scope, territory or end date (registrar). */
  @Transaction()
  @Returns('string')
  public async AmendLicence(ctx: Context, requestId: string, input: string): Promise<string> {
    return amendLicence(ctx, requestId, input);
  }

  /** Terminates a licence (registrar). */
  @Transaction()
  @Returns('string')
  public async TerminateLicence(ctx: Context, requestId: string, input: string): Promise<string> {
    return terminateLicence(ctx, requestId, input);
  }

  /** Verifies a work by its SHA-256: the deposit and its evidence certificate, or RECORD_NOT_FOUND. */
  @Transaction(false)
  @Returns('string')
  public async Verify(ctx: Context, contentHash: string): Promise<string> {
    return verifyByHash(ctx, contentHash);
  }

  /** Reads one record: kind = deposit | transfer | licence. */
  @Transaction(false)
  @Returns('string')
  public async GetRecord(ctx: Context, kind: string, id: string): Promise<string> {
    return getCopyrightRecord(ctx, kind, id);
  }

  /** Versions of one record, newest first. */
  @Transaction(false)
  @Returns('string')
  public async History(ctx: Context, kind: string, id: string, pageSize: string, bookmark: string): Promise<string> {
    return copyrightHistory(ctx, kind, id, pageSize, bookmark);
  }

  /** Transfers of a deposit. */
  @Transaction(false)
  @Returns('string')
  public async ListTransfers(ctx: Context, depositId: string, pageSize: string, bookmark: string): Promise<string> {
    return listDepositChildren(ctx, 'transfer', depositId, pageSize, bookmark);
  }

  /** Licences of a deposit. */
  @Transaction(false)
  @Returns('string')
  public async ListLicences(ctx: Context, depositId: string, pageSize: string, bookmark: string): Promise<string> {
    return listDepositChildren(ctx, 'licence', depositId, pageSize, bookmark);
  }

  /** Works a person authored or holds (or held), by subject key. */
  @Transaction(false)
  @Returns('string')
  public async ListByPerson(ctx: Context, subjectKey: string, pageSize: string, bookmark: string): Promise<string> {
    return listByPerson(ctx, subjectKey, pageSize, bookmark);
  }
}
