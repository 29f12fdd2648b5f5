import type { ChaincodeStub, Iterators, StateQueryResponse, Timestamp } from 'fabric-shim';
import { MemoryLedger, WriteSet, emptyWriteSet } from './memory-ledger';

const NS = '\x00';
const MAX = '\u{10ffff}';

/** The subset of the stub GovChain uses; everything else is deliberately absent so new uses show up. */
export type StubSubset = Pick<ChaincodeStub,
  | 'getTxID' | 'getTxTimestamp' | 'getTransient' | 'getMspID' | 'getChannelID'
  | 'getState' | 'putState' | 'deleteState' | 'setStateValidationParameter' | 'getStateValidationParameter'
  | 'getStateByRangeWithPagination' | 'getStateByPartialCompositeKeyWithPagination' | 'getStateByPartialCompositeKey'
  | 'getHistoryForKey' | 'createCompositeKey' | 'splitCompositeKey' | 'setEvent'
  | 'getPrivateData' | 'getPrivateDataHash' | 'putPrivateData' | 'deletePrivateData' | 'purgePrivateData'>;

/** How a proposal looks to the stub. */
export interface ProposalOptions {
  txId: string;
  millis: number;
  clientMsp: string;
  /** The endorsing peer's org; decides which private collections it holds. Defaults to the client's. */
  peerMsp?: string;
  transient?: Record<string, string>;
}

function iterator<T>(items: T[]): Iterators.CommonIterator<T> {
  let i = 0;
  return {
    next: async () => (i < items.length ? { value: items[i++] as T, done: false } : { value: undefined as unknown as T, done: true }),
    close: async () => undefined,
  };
}

/** Owner MSP of a collection named `<MSPID>PrivateData` or `<MSPID>Anchors` (docs/conventions.md). */
function collectionOwner(collection: string): string {
  for (const suffix of ['PrivateData', 'Anchors']) if (collection.endsWith(suffix)) return collection.slice(0, -suffix.length);
  return collection;
}

/** Anchors collections are written by any client (memberOnlyWrite false): their collection-level policy is the guard. */
const isAnchors = (collection: string): boolean => collection.endsWith('Anchors');

/**
 * An in-memory ChaincodeStub for one transaction. Like a peer it reads committed state only (no
 * read-your-writes), refuses writes after a paginated query, hides private data from non-member
 * peers and clients, and collects every write into `writeSet` for the harness to commit or compare.
 */
export class MemoryStub implements StubSubset {
  readonly writeSet: WriteSet = emptyWriteSet();
  private paginated = false;
  private readonly peerMsp: string;

  constructor(private readonly ledger: MemoryLedger, private readonly proposal: ProposalOptions) {
    this.peerMsp = proposal.peerMsp ?? proposal.clientMsp;
  }

  getTxID(): string { return this.proposal.txId; }
  getChannelID(): string { return 'govchannel'; }
  getMspID(): string { return this.peerMsp; }

  getTxTimestamp(): Timestamp {
    const seconds = Math.floor(this.proposal.millis / 1000);
    // The shim hands out a Long; core only calls toString(), which a plain wrapper provides.
    return { seconds: { toString: () => String(seconds) } as unknown as Timestamp['seconds'], nanos: (this.proposal.millis % 1000) * 1e6 };
  }

  getTransient(): Map<string, Uint8Array> {
    return new Map(Object.entries(this.proposal.transient ?? {}).map(([k, v]) => [k, Buffer.from(v, 'utf8')]));
  }

  async getState(key: string): Promise<Uint8Array> {
    return this.ledger.state.get(key) ?? new Uint8Array();
  }

  async putState(key: string, value: Uint8Array): Promise<void> {
    this.checkWrite(key);
    if (!value || value.length === 0) throw new Error('putState: empty value');
    this.writeSet.public.set(key, Buffer.from(value));
  }

  async deleteState(key: string): Promise<void> {
    this.checkWrite(key);
    this.writeSet.public.set(key, null);
  }

  async setStateValidationParameter(key: string, ep: Uint8Array): Promise<void> {
    this.checkWrite(key);
    this.writeSet.validationParameters.set(key, Buffer.from(ep));
  }

  async getStateValidationParameter(key: string): Promise<Uint8Array> {
    return this.ledger.validationParameters.get(key) ?? new Uint8Array();
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    for (const part of [objectType, ...attributes]) {
      if (part.includes(NS) || part.includes(MAX)) throw new Error(`composite key part ${JSON.stringify(part)} contains a reserved character`);
    }
    return NS + objectType + NS + attributes.map((a) => a + NS).join('');
  }

  splitCompositeKey(key: string): { objectType: string; attributes: string[] } {
    const parts = key.slice(1).split(NS);
    return { objectType: parts[0] ?? '', attributes: parts.slice(1, -1) };
  }

  getStateByPartialCompositeKey(objectType: string, attributes: string[]): ReturnType<ChaincodeStub['getStateByPartialCompositeKey']> {
    const start = this.createCompositeKey(objectType, attributes);
    return Promise.resolve(iterator(this.scan(start, start + MAX))) as ReturnType<ChaincodeStub['getStateByPartialCompositeKey']>;
  }

  getStateByPartialCompositeKeyWithPagination(objectType: string, attributes: string[], pageSize: number, bookmark?: string): ReturnType<ChaincodeStub['getStateByPartialCompositeKeyWithPagination']> {
    const start = this.createCompositeKey(objectType, attributes);
    return this.page(start, start + MAX, pageSize, bookmark) as ReturnType<ChaincodeStub['getStateByPartialCompositeKeyWithPagination']>;
  }

  getStateByRangeWithPagination(startKey: string, endKey: string, pageSize: number, bookmark?: string): ReturnType<ChaincodeStub['getStateByRangeWithPagination']> {
    // The real shim refuses composite keys here; mirror that so production code cannot depend on it.
    if (startKey.startsWith(NS) || endKey.startsWith(NS)) throw new Error(`first character of the key [${startKey}] contains a null character which is not allowed`);
    return this.page(startKey || '\x01', endKey || MAX, pageSize, bookmark) as ReturnType<ChaincodeStub['getStateByRangeWithPagination']>;
  }

  getHistoryForKey(key: string): ReturnType<ChaincodeStub['getHistoryForKey']> {
    const versions = [...(this.ledger.history.get(key) ?? [])].reverse();
    const mods: Iterators.KeyModification[] = versions.map((v) => ({
      txId: v.txId,
      isDelete: v.value === null,
      value: v.value ?? new Uint8Array(),
      timestamp: { seconds: { toString: () => String(Math.floor(v.millis / 1000)) } as unknown as Timestamp['seconds'], nanos: (v.millis % 1000) * 1e6 },
    }));
    return Promise.resolve(iterator(mods)) as ReturnType<ChaincodeStub['getHistoryForKey']>;
  }

  setEvent(name: string, payload: Uint8Array): void {
    this.writeSet.event = { name, payload: Buffer.from(payload) };
  }

  async getPrivateData(collection: string, key: string): Promise<Uint8Array> {
    if (this.ledger.memberOnlyRead) this.checkClientMember(collection, 'read');
    if (collectionOwner(collection) !== this.peerMsp) {
      // A peer outside the collection holds only the hash; Fabric's simulator then refuses the read.
      if (this.ledger.privateHash(collection, key).length > 0) throw new Error('private data matching public hash version is not available');
      return new Uint8Array();
    }
    return this.ledger.collections.get(collection)?.get(key) ?? new Uint8Array();
  }

  async getPrivateDataHash(collection: string, key: string): Promise<Uint8Array> {
    return this.ledger.privateHash(collection, key);
  }

  async putPrivateData(collection: string, key: string, value: Uint8Array): Promise<void> {
    this.checkClientMember(collection, 'write');
    this.privateWrites(collection).set(key, Buffer.from(value));
  }

  async deletePrivateData(collection: string, key: string): Promise<void> {
    this.checkClientMember(collection, 'write');
    this.privateWrites(collection).set(key, null);
  }

  async purgePrivateData(collection: string, key: string): Promise<void> {
    this.checkClientMember(collection, 'write');
    this.privateWrites(collection).set(key, 'purge');
  }

  private privateWrites(collection: string): Map<string, Uint8Array | null | 'purge'> {
    const writes = this.writeSet.private.get(collection) ?? new Map<string, Uint8Array | null | 'purge'>();
    this.writeSet.private.set(collection, writes);
    return writes;
  }

  /** memberOnlyRead / memberOnlyWrite: only clients of the owning org touch the collection (anchors: reads only). */
  private checkClientMember(collection: string, mode: 'read' | 'write'): void {
    if (mode === 'write' && isAnchors(collection)) return;
    if (collectionOwner(collection) !== this.proposal.clientMsp) {
      throw new Error(`tx creator does not have ${mode} access permission on privatedata in collection ${collection}`);
    }
  }

  private checkWrite(key: string): void {
    if (!key) throw new Error('key must not be empty');
    if (this.paginated) throw new Error('Transaction has already performed a paginated query. Writes are not allowed');
  }

  private scan(start: string, end: string): Iterators.KV[] {
    return [...this.ledger.state.keys()].filter((k) => k >= start && k < end).sort()
      .map((key) => ({ namespace: 'govchain', key, value: this.ledger.state.get(key) as Uint8Array }));
  }

  private async page(start: string, end: string, pageSize: number, bookmark?: string): Promise<StateQueryResponse<Iterators.StateQueryIterator>> {
    if (this.writeSet.public.size > 0) throw new Error('Transaction has already performed writes. Paginated queries are not allowed');
    this.paginated = true;
    const all = this.scan(bookmark ? bookmark : start, end);
    const records = all.slice(0, pageSize);
    const next = all[pageSize];
    // Like the peer, an empty page comes without metadata.
    const metadata = records.length > 0 ? { fetchedRecordsCount: records.length, bookmark: next ? next.key : '' } : undefined;
    return { iterator: iterator(records), metadata } as StateQueryResponse<Iterators.StateQueryIterator>;
  }
}
