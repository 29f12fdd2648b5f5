import { putIndexEntry } from './indexed-page';
import type { AmendmentInput } from './schema';
import type { Tx } from './tx';
import type { RecordRef } from './keys';
import type { Versioned } from './schema';
import { amendVersioned, createVersioned, readVersioned } from './versioned';

/** The numeric fields of a record (its child counters). */
type CounterOf<P> = { [K in keyof P]: P[K] extends number ? K : never }[keyof P];

/** How a child record (a transfer of a title, a licence of a deposit) is added under its parent. */
export interface ChildSpec<P extends object, C extends object> {
  parent: RecordRef;
  /** The parent's counter of children of this kind; the child is the counter's next value. */
  counter: CounterOf<P>;
  /** Where the n-th child lives (its id is derived from the parent's, so every endorser computes the same). */
  childRef: (parent: Versioned<P>, n: number) => RecordRef;
  /** The child's data; may refuse the child (rule checks against the parent) before anything is written. */
  child: (parent: Versioned<P>, childId: string) => C;
  /** The parent's other changes when the child is added (the counter is set here). */
  parentChange?: (parent: P, childId: string) => P;
  /** The index object type listing the parent's children (attribute: the parent's id). */
  index: string;
  amendment: AmendmentInput;
  actions: { child: string; parent: string };
  /** Sets the key-level policy of the child's key, then of the parent's, from the parent after the change. */
  protect: (key: string, parent: Versioned<P>) => Promise<void>;
}

/**
 * Reads the parent, creates its next child (id from the parent's counter), amends the parent with the new
 * counter (and `parentChange`), indexes the child under the parent and protects both keys. Child first, then
 * parent: the order of the transaction's event changes.
 */
export async function addChild<P extends object, C extends object>(tx: Tx, spec: ChildSpec<P, C>): Promise<{ child: Versioned<C>; parent: Versioned<P>; before: Versioned<P> }> {
  const before = await readVersioned<P>(tx, spec.parent);
  const n = (before[spec.counter] as number) + 1;
  const ref = spec.childRef(before, n);
  const child = await createVersioned(tx, ref, spec.child(before, ref.id), spec.amendment, spec.actions.child);
  const parent = await amendVersioned<P>(tx, spec.parent, (p) => ({ ...(spec.parentChange ? spec.parentChange(p, ref.id) : p), [spec.counter]: n }), spec.amendment, spec.actions.parent);
  await putIndexEntry(tx.stub, spec.index, [spec.parent.id], ref.id);
  await spec.protect(ref.key, parent);
  await spec.protect(spec.parent.key, parent);
  return { child, parent, before };
}
