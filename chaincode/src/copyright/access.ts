import type { Context } from 'fabric-contract-api';
import { RECORD_READER_ROLES, type Role } from '../api/roles';
import { type AccessRule, type RegistrarAuth, type Tx, protectRegistrarPlusOne, requireRegistrar } from '../core';

/** Reads and verification: any role of any member department (hashes and subject keys only). */
export const COPYRIGHT_READ: AccessRule = { roles: RECORD_READER_ROLES, orgs: 'member' };

/** Operators of the copyright registrar org with one of the roles (deposits: registrar or clerk; rights: registrar). */
export function requireCopyrightOffice(ctx: Context, roles: readonly Role[]): Promise<RegistrarAuth> {
  return requireRegistrar(ctx, 'copyright', roles);
}

/** Key-level policy of every copyright key: the registrar's peer AND one other department's peer. */
export async function protectCopyrightKey(tx: Tx, auth: RegistrarAuth, key: string): Promise<void> {
  await protectRegistrarPlusOne(tx.stub, key, auth);
}
