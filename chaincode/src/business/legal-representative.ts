import type { ChaincodeStub } from 'fabric-shim';
import { errors } from '../core';
import { identityRef, readIdentity } from '../identity/records';

/**
 * Checks that a subject key names an ACTIVE identity, reading the identity family's public record (no
 * personal data is touched). Missing -> RECORD_NOT_FOUND; suspended, revoked or erased -> RULE_VIOLATION.
 */
export async function assertActiveIdentity(stub: ChaincodeStub, subjectKey: string): Promise<void> {
  const ref = identityRef(stub, subjectKey);
  const identity = await readIdentity(stub, subjectKey);
  if (!identity) throw errors.recordNotFound('legal representative has no identity record', { family: ref.family, id: subjectKey });
  if (identity.status !== 'active') {
    throw errors.ruleViolation('legal representative identity is not active', { subjectKey, status: identity.status });
  }
}
