import { Copyright } from '../api/copyright';
import { createVersioned, errors, getRecord, implementSubmit, putRecord } from '../core';
import { protectCopyrightKey, requireCopyrightOffice } from './access';
import { indexPersons, personsOf } from './person-index';
import { COPYRIGHT_FAMILY, type DepositData, type HashIndexEntry, depositIdOf, depositRef, hashIndexKey, sortHolders } from './records';

/**
 * Copyright:Deposit: deposits a work by its SHA-256. A hash already deposited is refused with DUPLICATE
 * carrying the existing depositId. Returns the deposit with its evidence certificate (deposit id, tx id,
 * timestamp, depositor org and operator).
 */
export const deposit = implementSubmit(Copyright.tx.Deposit, async (tx, input) => {
  const auth = await requireCopyrightOffice(tx.ctx, ['registrar', 'clerk']);
  const indexKey = hashIndexKey(tx.stub, input.contentHash);
  const existing = await getRecord<HashIndexEntry>(tx.stub, indexKey);
  if (existing) {
    throw errors.duplicate('a work with this hash is already deposited', { family: COPYRIGHT_FAMILY, depositId: existing.depositId, contentHash: input.contentHash });
  }
  const firstPublicationDate = input.firstPublicationDate ?? null;
  // Dates compare as strings in YYYY-MM-DD form; the tx time's date part is the deposit day (UTC).
  if (firstPublicationDate !== null && firstPublicationDate > tx.now.slice(0, 10)) {
    throw errors.ruleViolation('first publication date is after the deposit date', { firstPublicationDate, depositDate: tx.now.slice(0, 10) });
  }
  const depositId = depositIdOf(tx.txId);
  const ref = depositRef(tx.stub, depositId);
  const data: DepositData = {
    depositId,
    contentHash: input.contentHash,
    title: input.title,
    authors: [...input.authors].sort(),
    workType: input.workType,
    firstPublicationDate,
    holders: sortHolders(input.holders ?? input.authors.map((subjectKey) => ({ kind: 'person' as const, subjectKey }))),
    certificate: {
      depositId, contentHash: input.contentHash, txId: tx.txId, timestamp: tx.now,
      depositorMsp: tx.caller.mspId, operatorId: tx.caller.operatorId,
    },
    activeLicences: [],
    transferCount: 0,
    licenceCount: 0,
  };
  const record = await createVersioned(tx, ref, data, input, 'deposited');
  await putRecord(tx.stub, indexKey, { depositId } satisfies HashIndexEntry);
  await protectCopyrightKey(tx, auth, ref.key);
  await protectCopyrightKey(tx, auth, indexKey);
  await indexPersons(tx, auth, depositId, [...data.authors, ...personsOf(data.holders)]);
  return record;
});
