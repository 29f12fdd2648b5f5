import { Business } from '../api/business';
import { createVersioned, implementSubmit, putIndexEntry } from '../core';
import { protectBusinessKey, requireBusinessRegistrar } from './access';
import { BUSINESS_KEYS, type BusinessData, businessRef } from './records';
import { assertActiveIdentity } from './rules';

/**
 * Business:Register: registers a business under its (validated) unified social credit code; the legal
 * representative must be an active identity. Duplicate code -> DUPLICATE.
 */
export const registerBusiness = implementSubmit(Business.tx.Register, async (tx, input) => {
  const auth = await requireBusinessRegistrar(tx.ctx);
  await assertActiveIdentity(tx.stub, input.legalRepresentative);
  const ref = businessRef(tx.stub, input.code);
  const { reason, legalAuthority, ...fields } = input;
  const data: BusinessData = { ...fields, status: 'active', registrarMsp: auth.caller.mspId };
  const record = await createVersioned(tx, ref, data, { reason, legalAuthority }, 'registered');
  await putIndexEntry(tx.stub, BUSINESS_KEYS.byLegalRepresentative, [data.legalRepresentative], data.code);
  await protectBusinessKey(tx, auth, ref.key);
  return record;
});
