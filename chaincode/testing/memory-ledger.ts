import { createHash } from 'node:crypto';

/** A committed version of a public key, newest last (history is returned newest first, as Fabric does). */
export interface CommittedVersion {
  txId: string;
  millis: number;
  value: Uint8Array | null;
}

/** Everything one transaction wrote, in a form tests can compare. */
export interface WriteSet {
  /** key -> value bytes, or null for a delete. */
  public: Map<string, Uint8Array | null>;
  /** collection -> key -> value bytes, null for delete, 'purge' for purge. */
  private: Map<string, Map<string, Uint8Array | null | 'purge'>>;
  /** key -> validation parameter (key-level endorsement policy). */
  validationParameters: Map<string, Uint8Array>;
  event?: { name: string; payload: Uint8Array };
}

/** A new, empty write set. */
export function emptyWriteSet(): WriteSet {
  return { public: new Map(), private: new Map(), validationParameters: new Map() };
}

/**
 * The committed world state of an in-memory channel: public state with history, private collections,
 * key-level policies and the events of committed transactions.
 */
export class MemoryLedger {
  readonly state = new Map<string, Uint8Array>();
  readonly history = new Map<string, CommittedVersion[]>();
  readonly collections = new Map<string, Map<string, Uint8Array>>();
  readonly validationParameters = new Map<string, Uint8Array>();
  readonly events: Array<{ txId: string; name: string; payload: Uint8Array }> = [];
  /** Collection setting memberOnlyRead; conventions set it true, tests of cross-org reads turn it off. */
  memberOnlyRead = true;

  /** Private data hash as a peer outside the collection sees it: SHA-256 of the value. */
  privateHash(collection: string, key: string): Uint8Array {
    const value = this.collections.get(collection)?.get(key);
    return value ? createHash('sha256').update(value).digest() : new Uint8Array();
  }

  /** Applies a transaction's write set, as a peer does after validation. */
  commit(txId: string, millis: number, ws: WriteSet): void {
    for (const [key, value] of ws.public) {
      if (value) this.state.set(key, value);
      else this.state.delete(key);
      const versions = this.history.get(key) ?? [];
      versions.push({ txId, millis, value });
      this.history.set(key, versions);
    }
    for (const [collection, writes] of ws.private) {
      const store = this.collections.get(collection) ?? new Map<string, Uint8Array>();
      for (const [key, value] of writes) {
        if (value instanceof Uint8Array) store.set(key, value);
        else store.delete(key);
      }
      this.collections.set(collection, store);
    }
    for (const [key, policy] of ws.validationParameters) this.validationParameters.set(key, policy);
    if (ws.event) this.events.push({ txId, ...ws.event });
  }

  /** A deep copy, so a transaction can be replayed on equal state (determinism tests). */
  clone(): MemoryLedger {
    const copy = new MemoryLedger();
    copy.memberOnlyRead = this.memberOnlyRead;
    for (const [k, v] of this.state) copy.state.set(k, v);
    for (const [k, v] of this.history) copy.history.set(k, [...v]);
    for (const [c, m] of this.collections) copy.collections.set(c, new Map(m));
    for (const [k, v] of this.validationParameters) copy.validationParameters.set(k, v);
    copy.events.push(...this.events);
    return copy;
  }
}

/** A stable text form of a write set (sorted, values as UTF-8 or hex), for equality assertions. */
export function describeWriteSet(ws: WriteSet): string {
  const show = (v: Uint8Array | null | 'purge'): string => (v === null || v === 'purge' ? String(v) : Buffer.from(v).toString('base64'));
  const lines: string[] = [];
  for (const [k, v] of [...ws.public].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(`pub ${JSON.stringify(k)} ${show(v)}`);
  for (const [c, m] of [...ws.private].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const [k, v] of [...m].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(`pvt ${c} ${JSON.stringify(k)} ${show(v)}`);
  }
  for (const [k, v] of [...ws.validationParameters].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(`vp ${JSON.stringify(k)} ${show(v)}`);
  if (ws.event) lines.push(`event ${ws.event.name} ${Buffer.from(ws.event.payload).toString('utf8')}`);
  return lines.join('\n');
}
