/**
 * TEST-ONLY modified chaincode: what a department running its own code behind the channel's chaincode definition
 * could do. It writes raw keys, deletes them and writes into any org's anchors collection, with none of GovChain's
 * checks. It is never part of the shipped chaincode (chaincode/src); the rogue-pair e2e test serves it, next to the
 * honest contracts, from a second chaincode server that only the "rogue" departments' peers are approved to use.
 */
import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';

/** What one rogue transaction writes; values are UTF-8 text (JSON records), keys may be composite (with U+0000). */
export interface RogueWrites {
  puts?: Array<{ key: string; value: string }>;
  deletes?: string[];
  privatePuts?: Array<{ collection: string; key: string; value: string }>;
}

@Info({ title: 'Rogue', description: 'TEST ONLY: raw writes, as modified chaincode would make them' })
export class RogueContract extends Contract {
  constructor() {
    super('Rogue');
  }

  /** Answers so the test can tell which code a peer runs. */
  @Transaction(false) @Returns('string')
  public async Ping(ctx: Context): Promise<string> {
    return JSON.stringify({ rogue: true, txId: ctx.stub.getTxID() });
  }

  /** Writes exactly what it is told to (deterministically: both rogue endorsers produce the same write set). */
  @Transaction() @Returns('string')
  public async Write(ctx: Context, spec: string): Promise<string> {
    const w = JSON.parse(spec) as RogueWrites;
    for (const p of w.puts ?? []) await ctx.stub.putState(p.key, Buffer.from(p.value, 'utf8'));
    for (const k of w.deletes ?? []) await ctx.stub.deleteState(k);
    for (const p of w.privatePuts ?? []) await ctx.stub.putPrivateData(p.collection, p.key, Buffer.from(p.value, 'utf8'));
    return JSON.stringify({ written: (w.puts?.length ?? 0) + (w.deletes?.length ?? 0) + (w.privatePuts?.length ?? 0) });
  }

  /** Reads a raw public key as this peer has it committed ('' when absent). */
  @Transaction(false) @Returns('string')
  public async Read(ctx: Context, key: string): Promise<string> {
    return Buffer.from(await ctx.stub.getState(key)).toString('utf8');
  }
}
