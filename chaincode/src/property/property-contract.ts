import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { cancelTransfer, completeTransfer, proposeTransfer, recordApproval, recordLenderConsent } from './transfer-txs';
import { registerEncumbrance, releaseEncumbrance } from './encumbrance-txs';
import { getPropertyRecord, listEncumbrances, listTitlesByOwner, listTransfers, propertyHistory } from './property-queries';
import { amendTitle, registerTitle } from './title-txs';

/**
 * Property titles, transfers and encumbrances. A thin shell: each transaction lives in its own module;
 * every submitted transaction takes (requestId, input JSON) as described in docs/chaincode-api.md.
 */
@Info({ title: 'Property', description: 'Land and building titles, multi-party transfers, encumbrances' })
export class PropertyContract extends Contract {
  constructor() {
    super('Property');
  }

  /** Registers a title (registrar of the property registrar org). */
  @Transaction()
  @Returns('string')
  public async RegisterTitle(ctx: Context, requestId: string, input: string): Promise<string> {
    return registerTitle(ctx, requestId, input);
  }

  /** Corrects a title's area, use or document hash (registrar). */
  @Transaction()
  @Returns('string')
  public async AmendTitle(ctx: Context, requestId: string, input: string): Promise<string> {
    return amendTitle(ctx, requestId, input);
  }

  /** Opens a transfer to the buyers (registrar/clerk of the registrar, or a service-window clerk). */
  @Transaction()
  @Returns('string')
  public async ProposeTransfer(ctx: Context, requestId: string, input: string): Promise<string> {
    return proposeTransfer(ctx, requestId, input);
  }

  /** Records a seller's or buyer's signed consent (registrar/clerk of the registrar, or service window). */
  @Transaction()
  @Returns('string')
  public async RecordApproval(ctx: Context, requestId: string, input: string): Promise<string> {
    return recordApproval(ctx, requestId, input);
  }

  /** Records a lender's consent to a transfer (lender org, or the registrar on its behalf). */
  @Transaction()
  @Returns('string')
  public async RecordLenderConsent(ctx: Context, requestId: string, input: string): Promise<string> {
    return recordLenderConsent(ctx, requestId, input);
  }

  /** Completes a fully approved transfer (registrar). */
  @Transaction()
  @Returns('string')
  public async CompleteTransfer(ctx: Context, requestId: string, input: string): Promise<string> {
    return completeTransfer(ctx, requestId, input);
  }

  /** Cancels a pending transfer (registrar). */
  @Transaction()
  @Returns('string')
  public async CancelTransfer(ctx: Context, requestId: string, input: string): Promise<string> {
    return cancelTransfer(ctx, requestId, input);
  }

  /** Registers an encumbrance (lender org, or the registrar on its behalf). */
  @Transaction()
  @Returns('string')
  public async RegisterEncumbrance(ctx: Context, requestId: string, input: string): Promise<string> {
    return registerEncumbrance(ctx, requestId, input);
  }

  /** Releases an encumbrance (lender org, or the registrar on its behalf). */
  @Transaction()
  @Returns('string')
  public async ReleaseEncumbrance(ctx: Context, requestId: string, input: string): Promise<string> {
    return releaseEncumbrance(ctx, requestId, input);
  }

  /** Reads one record: kind = title | transfer | encumbrance. */
  @Transaction(false)
  @Returns('string')
  public async GetRecord(ctx: Context, kind: string, id: string): Promise<string> {
    return getPropertyRecord(ctx, kind, id);
  }

  /** Versions of one record, newest first. */
  @Transaction(false)
  @Returns('string')
  public async History(ctx: Context, kind: string, id: string, pageSize: string, bookmark: string): Promise<string> {
    return propertyHistory(ctx, kind, id, pageSize, bookmark);
  }

  /** Titles currently owned by a subject. */
  @Transaction(false)
  @Returns('string')
  public async ListTitlesByOwner(ctx: Context, subjectKey: string, pageSize: string, bookmark: string): Promise<string> {
    return listTitlesByOwner(ctx, subjectKey, pageSize, bookmark);
  }

  /** Transfers of a parcel. */
  @Transaction(false)
  @Returns('string')
  public async ListTransfers(ctx: Context, parcelNumber: string, pageSize: string, bookmark: string): Promise<string> {
    return listTransfers(ctx, parcelNumber, pageSize, bookmark);
  }

  /** Encumbrances of a parcel. */
  @Transaction(false)
  @Returns('string')
  public async ListEncumbrances(ctx: Context, parcelNumber: string, pageSize: string, bookmark: string): Promise<string> {
    return listEncumbrances(ctx, parcelNumber, pageSize, bookmark);
  }
}
