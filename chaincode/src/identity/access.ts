import type { Context } from 'fabric-contract-api';
import { RECORD_READER_ROLES } from '../api/roles';
import { type AccessRule, type RegistrarAuth, privateCollectionOf, protectRegistrarPlusOne, requireRegistrar } from '../core';
import type { Tx } from '../core/tx';

/** Public identity records hold no personal data: any identified operator of a member org may read them. */
export const IDENTITY_READ: AccessRule = { roles: RECORD_READER_ROLES, orgs: 'member' };

/** Disclosures (Identity:ReadPersonalData) go to registrars and clerks of member orgs, under a committed access. */
export const DISCLOSURE_READERS: AccessRule = { roles: ['registrar', 'clerk'], orgs: 'member' };

/** An identity registrar and the registrar's private collection. */
export interface IdentityRegistrar extends RegistrarAuth {
  collection: string;
}

/** Identity records are written by registrars of the identity registrar org. */
export async function requireIdentityRegistrar(ctx: Context): Promise<IdentityRegistrar> {
  const auth = await requireRegistrar(ctx, 'identity');
  return { ...auth, collection: privateCollectionOf(auth.registrarMsp) };
}

/** Key-level policy of an identity record: the registrar's peer AND one other member department's peer. */
export async function protectIdentityKey(tx: Tx, auth: RegistrarAuth, key: string): Promise<void> {
  await protectRegistrarPlusOne(tx.stub, key, auth);
}
