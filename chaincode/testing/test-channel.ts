import type { Context, Contract } from 'fabric-contract-api';
import { FakeClientIdentity, TestIdentity } from './fake-identity';
import type { ContractClass } from '../src/core/contract';
import { isSubmit, transactionsOf } from './contract-metadata';
import { MemoryLedger, WriteSet } from './memory-ledger';
import { MemoryStub } from './memory-stub';

/** Per-call options: who calls, transient data, and optionally fixed tx id / time / endorsing peer org. */
export interface CallOptions {
  as: TestIdentity;
  transient?: Record<string, string>;
  txId?: string;
  /** ISO time of the proposal; defaults to the channel clock, which advances one second per call. */
  time?: string;
  peerMsp?: string;
}

/** What a simulated transaction produced. */
export interface Simulation {
  txId: string;
  result: string;
  writeSet: WriteSet;
}

/**
 * An in-memory channel for unit tests: runs contract transactions the way fabric-shim does
 * (createContext, beforeTransaction, aroundTransaction, afterTransaction) against a MemoryLedger.
 * `submit` commits the write set on success; `evaluate` never commits; failures commit nothing.
 */
export class TestChannel {
  private seq = 0;
  private clock = Date.parse('2025-01-01T00:00:00.000Z');

  constructor(public readonly ledger: MemoryLedger = new MemoryLedger()) {}

  /** Sets the channel clock (ISO time) used for later proposals. */
  setTime(iso: string): void {
    this.clock = Date.parse(iso);
  }

  /** Runs a transaction without committing; returns its result and write set. */
  async simulate(contract: Contract, fn: string, args: string[], options: CallOptions): Promise<Simulation> {
    this.seq += 1;
    this.clock += 1000;
    const txId = options.txId ?? `tx${String(this.seq).padStart(6, '0')}`;
    const millis = options.time ? Date.parse(options.time) : this.clock;
    const stub = new MemoryStub(this.ledger, {
      txId, millis, clientMsp: options.as.mspId, peerMsp: options.peerMsp, transient: options.transient,
    });
    const declared = transactionsOf(contract).find((t) => t.name === fn);
    if (!declared) throw new Error(`${contract.getName()} has no @Transaction ${fn}`);
    if (declared.parameters.length !== args.length) {
      throw new Error(`${contract.getName()}:${fn} takes ${declared.parameters.length} args, got ${args.length}`);
    }
    const ctx = contract.createContext() as Context;
    (ctx as { stub: unknown }).stub = stub;
    (ctx as { clientIdentity: unknown }).clientIdentity = new FakeClientIdentity(options.as);
    await contract.beforeTransaction(ctx);
    // The typings say Function, but fabric-contract-api passes the transaction's name, as done here.
    const result = (await contract.aroundTransaction(ctx, fn as unknown as () => void, args)) as unknown;
    await contract.afterTransaction(ctx, result);
    const text = typeof result === 'string' ? result : String(result);
    assertResultMatchesApi(contract, fn, text);
    return { txId, result: text, writeSet: stub.writeSet };
  }

  /** Runs a submit transaction and commits its write set; returns its (JSON) result. */
  async submit(contract: Contract, fn: string, args: string[], options: CallOptions): Promise<string> {
    this.assertKind(contract, fn, true);
    const sim = await this.simulate(contract, fn, args, options);
    this.ledger.commit(sim.txId, options.time ? Date.parse(options.time) : this.clock, sim.writeSet);
    return sim.result;
  }

  /** Runs an evaluate transaction (never committed); returns its (JSON) result. */
  async evaluate(contract: Contract, fn: string, args: string[], options: CallOptions): Promise<string> {
    this.assertKind(contract, fn, false);
    return (await this.simulate(contract, fn, args, options)).result;
  }

  /** submit() then JSON.parse of the result. */
  async submitJson<T = Record<string, unknown>>(contract: Contract, fn: string, args: string[], options: CallOptions): Promise<T> {
    return JSON.parse(await this.submit(contract, fn, args, options)) as T;
  }

  /** evaluate() then JSON.parse of the result. */
  async evaluateJson<T = Record<string, unknown>>(contract: Contract, fn: string, args: string[], options: CallOptions): Promise<T> {
    return JSON.parse(await this.evaluate(contract, fn, args, options)) as T;
  }

  /** An independent channel with a copy of this ledger and clock, for replaying a transaction on equal state. */
  fork(): TestChannel {
    const copy = new TestChannel(this.ledger.clone());
    copy.seq = this.seq;
    copy.clock = this.clock;
    return copy;
  }

  private assertKind(contract: Contract, fn: string, submit: boolean): void {
    const declared = transactionsOf(contract).find((t) => t.name === fn);
    if (declared && isSubmit(declared) !== submit) {
      throw new Error(`${contract.getName()}:${fn} is declared ${submit ? 'evaluate' : 'submit'}`);
    }
  }
}

/**
 * Every result a GovChain contract answers must be what its API says (the gateway documents responses with these
 * schemas): a transaction whose result does not parse fails the test that ran it.
 */
function assertResultMatchesApi(contract: Contract, fn: string, result: string): void {
  const api = (contract.constructor as Partial<ContractClass>).api;
  const spec = api?.tx[fn];
  if (!spec) return;
  const parsed = spec.result.safeParse(JSON.parse(result));
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${api.name}:${fn} answered a result its API schema refuses: ${issues}`);
  }
}
