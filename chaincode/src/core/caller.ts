import type { Context } from 'fabric-contract-api';
import { errors } from './error-helpers';
import { ROLES, type Role } from '../api/roles';

/** Certificate attribute names fixed by docs/conventions.md. */
export const ROLE_ATTRIBUTE = 'govchain.role';
export const OPERATOR_ATTRIBUTE = 'govchain.operatorId';

/** Who signed the proposal: MSP plus the CA-issued role and operator id. */
export interface Caller {
  mspId: string;
  role: Role;
  operatorId: string;
}

/**
 * Reads the caller from the client identity. Missing or unknown attributes mean a shared or foreign
 * identity, which cannot be traced to a person, so they are refused with FORBIDDEN_ROLE.
 */
export function getCaller(ctx: Pick<Context, 'clientIdentity'>): Caller {
  const id = ctx.clientIdentity;
  const mspId = id.getMSPID();
  const role = id.getAttributeValue(ROLE_ATTRIBUTE);
  const operatorId = id.getAttributeValue(OPERATOR_ATTRIBUTE);
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    throw errors.forbiddenRole(`certificate attribute ${ROLE_ATTRIBUTE} missing or unknown`, { mspId });
  }
  if (!operatorId) {
    throw errors.forbiddenRole(`certificate attribute ${OPERATOR_ATTRIBUTE} missing`, { mspId });
  }
  return { mspId, role: role as Role, operatorId };
}

/** "operatorId@MSP": how an approving operator is recorded in amendments. */
export function callerLabel(caller: Caller): string {
  return `${caller.operatorId}@${caller.mspId}`;
}
