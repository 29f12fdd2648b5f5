import type { ChaincodeStub } from 'fabric-shim';
import { Identity } from '../api/identity';
import { type Versioned, historyPage, implement, readAnchoredRecord, readVersioned, requireCaller } from '../core';
import { IDENTITY_READ } from './access';
import { type IdentityRecord, identityRef } from './records';

/**
 * The identity record of a subject as honest code sees it: undefined when absent or not anchored by the
 * identity registrar (created by other departments with modified chaincode).
 */
export function readIdentity(stub: ChaincodeStub, subjectKey: string): Promise<Versioned<IdentityRecord> | undefined> {
  return readAnchoredRecord<Versioned<IdentityRecord>>(stub, identityRef(stub, subjectKey));
}

/** Identity:Get: the public record (status may be 'erased'; personal data reads then fail with ERASED). */
export const getIdentity = implement(Identity.tx.Get, async (ctx, subjectKey) => {
  await requireCaller(ctx, IDENTITY_READ);
  return readVersioned<IdentityRecord>(ctx, identityRef(ctx.stub, subjectKey));
});

/** Identity:History: versions of the public record, newest first. */
export const identityHistory = implement(Identity.tx.History, async (ctx, subjectKey, pageSize, bookmark) => {
  await requireCaller(ctx, IDENTITY_READ);
  const ref = identityRef(ctx.stub, subjectKey);
  await readVersioned(ctx, ref);
  return historyPage<Versioned<IdentityRecord>>(ctx.stub, ref.key, pageSize, bookmark);
});
