import type { Context } from 'fabric-contract-api';
import { AccessRule, RECORD_READER_ROLES, Role, Tx, errors, registrarPlusOne, requireCaller, setKeyPolicy } from '../core';

/** Reads and verification: any role of any member department (hashes and subject keys only). */
export const COPYRIGHT_READ: AccessRule = { roles: RECORD_READER_ROLES, orgs: 'member' };

/** An authorized copyright-office operator plus what protecting keys needs. */
export interface CopyrightAuth {
  registrarMsp: string;
  members: readonly string[];
}

/** Operators of the copyright registrar org with one of the roles (deposits: registrar or clerk). */
export async function requireCopyrightOffice(ctx: Context, roles: readonly Role[]): Promise<CopyrightAuth> {
  const { caller, config } = await requireCaller(ctx, { roles, orgs: 'registrarOf:copyright' });
  if (!config) throw errors.configMissing('governance not bootstrapped', {});
  return { registrarMsp: caller.mspId, members: config.members };
}

/** Key-level policy of every copyright key: the registrar's peer AND one other department's peer. */
export async function protectCopyrightKey(tx: Tx, auth: CopyrightAuth, key: string): Promise<void> {
  await setKeyPolicy(tx.stub, key, registrarPlusOne(auth.registrarMsp, auth.members));
}
