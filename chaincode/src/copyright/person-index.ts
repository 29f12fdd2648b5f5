/**
 * Index of the works a citizen is connected to: every author and every person who has held the rights of a deposit
 * (`copyright~person~deposit\0<subjectKey>\0<depositId>\0`). Entries are added, never removed, so a former holder
 * keeps finding the work; the query reads each deposit and says how the person relates to it now.
 */
import type { Context } from 'fabric-contract-api';
import { bookmarkSchema, canonicalStringify, pageSizeSchema, parseWith, requireCaller, subjectKeySchema, Tx } from '../core';
import { pageIndexedRecords, putIndexEntry } from '../property/indexed-page';
import { CopyrightAuth, COPYRIGHT_READ, protectCopyrightKey } from './copyright-access';
import { DepositRecord, depositRef } from './copyright-records';
import type { Holder } from './schema';

/** Composite-key object type of the person index. */
export const PERSON_INDEX = 'copyright~person~deposit';

/** The persons (subject keys) among holders. */
export const personsOf = (holders: readonly Holder[]): string[] => holders.flatMap((h) => (h.kind === 'person' ? [h.subjectKey] : []));

/** Indexes a deposit under each person once, with the family's key-level policy. */
export async function indexPersons(tx: Tx, auth: CopyrightAuth, depositId: string, subjectKeys: readonly string[]): Promise<void> {
  for (const subjectKey of new Set(subjectKeys)) {
    await putIndexEntry(tx.stub, PERSON_INDEX, [subjectKey], depositId);
    await protectCopyrightKey(tx, auth, tx.stub.createCompositeKey(PERSON_INDEX, [subjectKey, depositId]));
  }
}

/** How a person relates to a deposit now. */
export type PersonRelation = 'author' | 'holder' | 'former-holder';

/** Copyright:ListByPerson(subjectKey, pageSize, bookmark) — the works a person authored or holds (or held). */
export async function listByPerson(ctx: Context, subjectKey: string, pageSize: string, bookmark: string): Promise<string> {
  const key = parseWith(subjectKeySchema, subjectKey, 'subjectKey');
  const size = parseWith(pageSizeSchema, pageSize, 'pageSize');
  const mark = parseWith(bookmarkSchema, bookmark, 'bookmark');
  await requireCaller(ctx, COPYRIGHT_READ);
  const page = await pageIndexedRecords<DepositRecord>(ctx.stub, PERSON_INDEX, [key], size, mark, (id) => depositRef(ctx.stub, id));
  const records = page.records.map((deposit) => {
    const author = deposit.authors.includes(key);
    const holder = personsOf(deposit.holders).includes(key);
    const relations: PersonRelation[] = [...(author ? ['author' as const] : []), ...(holder ? ['holder' as const] : !author ? ['former-holder' as const] : [])];
    return { deposit, relations };
  });
  return canonicalStringify({ ...page, records });
}
