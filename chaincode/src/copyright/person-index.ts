/**
 * Index of the works a citizen is connected to: every author and every person who has held the rights of a deposit
 * (`copyright~person~deposit\0<subjectKey>\0<depositId>\0`). Entries are added, never removed, so a former holder
 * keeps finding the work; the query reads each deposit and says how the person relates to it now.
 */
import { Copyright } from '../api/copyright';
import { type RegistrarAuth, type Tx, implement, pageIndexedRecords, putIndexEntry, requireCaller } from '../core';
import { COPYRIGHT_READ, protectCopyrightKey } from './access';
import { type DepositRecord, depositRef } from './records';
import type { Holder, PersonRelation } from './schema';

/** Composite-key object type of the person index. */
export const PERSON_INDEX = 'copyright~person~deposit';

/** The persons (subject keys) among holders. */
export const personsOf = (holders: readonly Holder[]): string[] => holders.flatMap((h) => (h.kind === 'person' ? [h.subjectKey] : []));

/** Indexes a deposit under each person once, with the family's key-level policy. */
export async function indexPersons(tx: Tx, auth: RegistrarAuth, depositId: string, subjectKeys: readonly string[]): Promise<void> {
  for (const subjectKey of new Set(subjectKeys)) {
    await putIndexEntry(tx.stub, PERSON_INDEX, [subjectKey], depositId);
    await protectCopyrightKey(tx, auth, tx.stub.createCompositeKey(PERSON_INDEX, [subjectKey, depositId]));
  }
}

/** Copyright:ListByPerson(subjectKey, pageSize, bookmark): the works a person authored or holds (or held). */
export const listByPerson = implement(Copyright.tx.ListByPerson, async (ctx, subjectKey, pageSize, bookmark) => {
  await requireCaller(ctx, COPYRIGHT_READ);
  const page = await pageIndexedRecords<DepositRecord>(ctx.stub, PERSON_INDEX, [subjectKey], pageSize, bookmark, (id) => depositRef(ctx.stub, id));
  const records = page.records.map((deposit) => {
    const author = deposit.authors.includes(subjectKey);
    const holder = personsOf(deposit.holders).includes(subjectKey);
    const relations: PersonRelation[] = [...(author ? ['author' as const] : []), ...(holder ? ['holder' as const] : !author ? ['former-holder' as const] : [])];
    return { deposit, relations };
  });
  return { ...page, records };
});
