import type { Context } from 'fabric-contract-api';
import { RECORD_READER_ROLES } from '../api/roles';
import { type AccessRule, type RegistrarAuth, type Tx, protectRegistrarPlusOne, requireRegistrar } from '../core';

/** Reads: any role of any member department; the register is public data. */
export const BUSINESS_READ: AccessRule = { roles: RECORD_READER_ROLES, orgs: 'member' };

/** Every business write: a registrar of the business registrar org (MarketRegulationMSP by default). */
export function requireBusinessRegistrar(ctx: Context): Promise<RegistrarAuth> {
  return requireRegistrar(ctx, 'business');
}

/** Key-level policy of a business key: the registrar's peer AND one other department's peer. */
export async function protectBusinessKey(tx: Tx, auth: RegistrarAuth, key: string): Promise<void> {
  await protectRegistrarPlusOne(tx.stub, key, auth);
}
