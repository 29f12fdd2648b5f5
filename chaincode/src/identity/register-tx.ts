import { Identity } from '../api/identity';
import { canonicalStringify, createVersioned, errors, implementSubmit, sha256Hex } from '../core';
import { protectIdentityKey, requireIdentityRegistrar } from './access';
import { type IdentityRecord, identityRef, stagingReceipt, stagingReceiptKey } from './records';

const REGISTRATION = { reason: 'initial registration', legalAuthority: 'Resident Identity Card Law; GB 11643-1999' };

/**
 * Identity:Register: publishes the public identity record for staged personal data. Every endorser, member
 * of the registrar's collection or not, checks that the on-chain hash of the staging receipt equals the hash
 * of this input, so the fingerprints are the ones computed from the staged data. It reads no private data:
 * a private read would restrict endorsement to the collection's only member. The record's key-level
 * policy: registrar peer AND one other member department's peer.
 */
export const register = implementSubmit(Identity.tx.Register, async (tx, input) => {
  const auth = await requireIdentityRegistrar(tx.ctx);
  const onChain = await tx.stub.getPrivateDataHash(auth.collection, stagingReceiptKey(tx.stub, input.subjectKey));
  if (!onChain || onChain.length === 0) {
    throw errors.invalidState('no staged personal data for this subject key', { subjectKey: input.subjectKey });
  }
  if (Buffer.from(onChain).toString('hex') !== sha256Hex(canonicalStringify(stagingReceipt(input)))) {
    throw errors.ruleViolation('fingerprints do not match the staged personal data', { subjectKey: input.subjectKey });
  }
  const ref = identityRef(tx.stub, input.subjectKey);
  const record: IdentityRecord = { ...input, status: 'active', issuerMsp: auth.registrarMsp };
  const created = await createVersioned(tx, ref, record, REGISTRATION, 'registered');
  await protectIdentityKey(tx, auth, ref.key);
  return created;
});
