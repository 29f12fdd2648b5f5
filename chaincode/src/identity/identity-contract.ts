import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { getIdentity, identityHistory } from './queries';
import { readPersonalData } from './read-personal-data';
import { register } from './register-tx';
import { stagePersonalData } from './stage-tx';
import { changeStatus } from './status-tx';
import { subjectKey, verify } from './verify';

/**
 * Digital identity: personal data only in the registrar's private collection (via the transient map),
 * public state only subject key, status, issuer and fingerprints.
 */
@Info({ title: 'Identity', description: 'Citizen identities: staging, registration, status, verification, erasure' })
export class IdentityContract extends Contract {
  constructor() {
    super('Identity');
  }

  @Transaction() @Returns('string')
  public async StagePersonalData(ctx: Context, requestId: string): Promise<string> { return stagePersonalData(ctx, requestId); }

  @Transaction() @Returns('string')
  public async Register(ctx: Context, requestId: string, input: string): Promise<string> { return register(ctx, requestId, input); }

  @Transaction() @Returns('string')
  public async Suspend(ctx: Context, requestId: string, input: string): Promise<string> {
    return changeStatus(ctx, 'Identity:Suspend', 'suspended', requestId, input);
  }

  @Transaction() @Returns('string')
  public async Revoke(ctx: Context, requestId: string, input: string): Promise<string> {
    return changeStatus(ctx, 'Identity:Revoke', 'revoked', requestId, input);
  }

  @Transaction() @Returns('string')
  public async Reinstate(ctx: Context, requestId: string, input: string): Promise<string> {
    return changeStatus(ctx, 'Identity:Reinstate', 'reinstated', requestId, input);
  }

  @Transaction() @Returns('string')
  public async Erase(ctx: Context, requestId: string, input: string): Promise<string> {
    return changeStatus(ctx, 'Identity:Erase', 'erased', requestId, input);
  }

  @Transaction(false) @Returns('string')
  public async Verify(ctx: Context, accessId: string): Promise<string> { return verify(ctx, accessId); }

  @Transaction(false) @Returns('string')
  public async SubjectKey(ctx: Context, accessId: string): Promise<string> { return subjectKey(ctx, accessId); }

  @Transaction(false) @Returns('string')
  public async ReadPersonalData(ctx: Context, accessId: string): Promise<string> { return readPersonalData(ctx, accessId); }

  @Transaction(false) @Returns('string')
  public async Get(ctx: Context, subjectKey: string): Promise<string> { return getIdentity(ctx, subjectKey); }

  @Transaction(false) @Returns('string')
  public async History(ctx: Context, subjectKey: string, pageSize: string, bookmark: string): Promise<string> {
    return identityHistory(ctx, subjectKey, pageSize, bookmark);
  }
}
