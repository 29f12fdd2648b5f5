import { Business } from '../api/business';
import { amendVersioned, applyPatch, deleteIndexEntry, implementSubmit, putIndexEntry, readVersioned } from '../core';
import { protectBusinessKey, requireBusinessRegistrar } from './access';
import { BUSINESS_KEYS, type BusinessData, businessRef } from './records';
import { assertActiveIdentity, assertAmendable } from './rules';

/**
 * Business:Amend: changes register fields as a new version with reason and legal authority; a new legal
 * representative must be an active identity, and the index follows it.
 */
export const amendBusiness = implementSubmit(Business.tx.Amend, async (tx, input) => {
  const auth = await requireBusinessRegistrar(tx.ctx);
  const ref = businessRef(tx.stub, input.code);
  const current = await readVersioned<BusinessData>(tx, ref);
  assertAmendable(current.code, current.status);
  const newRep = input.changes.legalRepresentative;
  if (newRep !== undefined && newRep !== current.legalRepresentative) {
    await assertActiveIdentity(tx.stub, newRep);
    await deleteIndexEntry(tx.stub, BUSINESS_KEYS.byLegalRepresentative, [current.legalRepresentative], current.code);
    await putIndexEntry(tx.stub, BUSINESS_KEYS.byLegalRepresentative, [newRep], current.code);
  }
  const record = await amendVersioned<BusinessData>(tx, ref, (b) => applyPatch(b, input.changes), input, 'amended');
  await protectBusinessKey(tx, auth, ref.key);
  return record;
});
