import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { bootstrap, setMembers, setRegistrar, setSealingOrgs } from './config-tx';
import { approveDatasetChange, putDataset } from './catalogue-tx';
import { approveGrant, proposeGrant, revokeGrant } from './grant-tx';
import * as q from './queries';

/**
 * Governance: registrar map, member list, data catalogue and sharing grants. Thin: each transaction
 * delegates to one function; docs/chaincode-api.md lists who may call what.
 */
@Info({ title: 'Governance', description: 'Registrar map, data catalogue and sharing grants' })
export class GovernanceContract extends Contract {
  constructor() {
    super('Governance');
  }

  @Transaction() @Returns('string')
  public async Bootstrap(ctx: Context, requestId: string, input: string): Promise<string> { return bootstrap(ctx, requestId, input); }

  @Transaction() @Returns('string')
  public async SetRegistrar(ctx: Context, requestId: string, input: string): Promise<string> { return setRegistrar(ctx, requestId, input); }

  @Transaction() @Returns('string')
  public async SetMembers(ctx: Context, requestId: string, input: string): Promise<string> { return setMembers(ctx, requestId, input); }

  @Transaction() @Returns('string')
  public async SetSealingOrgs(ctx: Context, requestId: string, input: string): Promise<string> { return setSealingOrgs(ctx, requestId, input); }

  @Transaction() @Returns('string')
  public async PutDataset(ctx: Context, requestId: string, input: string): Promise<string> { return putDataset(ctx, requestId, input); }

  @Transaction() @Returns('string')
  public async ApproveDatasetChange(ctx: Context, requestId: string, input: string): Promise<string> { return approveDatasetChange(ctx, requestId, input); }

  @Transaction() @Returns('string')
  public async ProposeGrant(ctx: Context, requestId: string, input: string): Promise<string> { return proposeGrant(ctx, requestId, input); }

  @Transaction() @Returns('string')
  public async ApproveGrant(ctx: Context, requestId: string, input: string): Promise<string> { return approveGrant(ctx, requestId, input); }

  @Transaction() @Returns('string')
  public async RevokeGrant(ctx: Context, requestId: string, input: string): Promise<string> { return revokeGrant(ctx, requestId, input); }

  @Transaction(false) @Returns('string')
  public async GetConfig(ctx: Context): Promise<string> { return q.getConfig(ctx); }

  @Transaction(false) @Returns('string')
  public async GetDataset(ctx: Context, dataset: string): Promise<string> { return q.getDataset(ctx, dataset); }

  @Transaction(false) @Returns('string')
  public async ListDatasets(ctx: Context, pageSize: string, bookmark: string): Promise<string> { return q.listDatasets(ctx, pageSize, bookmark); }

  @Transaction(false) @Returns('string')
  public async GetGrant(ctx: Context, requesterMsp: string, dataset: string, purpose: string): Promise<string> {
    return q.getGrant(ctx, requesterMsp, dataset, purpose);
  }

  @Transaction(false) @Returns('string')
  public async ListGrants(ctx: Context, requesterMsp: string, pageSize: string, bookmark: string): Promise<string> {
    return q.listGrants(ctx, requesterMsp, pageSize, bookmark);
  }

  @Transaction(false) @Returns('string')
  public async History(ctx: Context, kind: string, id: string, pageSize: string, bookmark: string): Promise<string> {
    return q.history(ctx, kind, id, pageSize, bookmark);
  }
}
