import type { Context } from 'fabric-contract-api';
import { RECORD_READER_ROLES } from '../api/roles';
import {
  type AccessRule, type GovernanceConfig, type PolicyNode, type RegistrarAuth, type Tx, allOf, outOf, peerOf, readGovernanceConfig, registrarOf,
  registrarPlusOne, requireCaller, setKeyPolicy,
} from '../core';
import { type TitleData, lenderMspsOf } from './records';

/** Reads: any role of any member department (records hold subject keys and hashes only). */
export const PROPERTY_READ: AccessRule = { roles: RECORD_READER_ROLES, orgs: 'member' };

/** An authorized caller with the governance config, which property transactions always need. */
export type PropertyAuth = RegistrarAuth;

/** Registering titles, completing and cancelling transfers: registrars of the property registrar org. */
export function requirePropertyRegistrar(ctx: Context): Promise<PropertyAuth> {
  return requireAmong(ctx, ['registrar'], (registrarMsp) => [registrarMsp]);
}

/**
 * Proposals and party approvals: a registrar or clerk of the property registrar, or a clerk at the
 * governance org's service window, where citizens sign their consent in person.
 */
export async function requireServiceDesk(ctx: Context): Promise<PropertyAuth> {
  return requireAmong(ctx, ['registrar', 'clerk'], (registrarMsp, config) => [registrarMsp, config.governanceMsp]);
}

/**
 * Acting for a lender: a lender that is an org on the channel acts itself (registrar or clerk role);
 * otherwise (no bank org in the topology) a registrar of the property registrar acts on its behalf.
 */
export async function requireLenderSide(ctx: Context, lenderMsp: string | null): Promise<PropertyAuth> {
  if (lenderMsp === null) return requirePropertyRegistrar(ctx);
  return requireAmong(ctx, ['registrar', 'clerk'], () => [lenderMsp]);
}

async function requireAmong(
  ctx: Context, roles: AccessRule['roles'], orgs: (registrarMsp: string, config: GovernanceConfig) => string[],
): Promise<PropertyAuth> {
  const config = await readGovernanceConfig(ctx.stub);
  const registrarMsp = registrarOf(config, 'property');
  const { caller } = await requireCaller(ctx, { roles, orgs: [...new Set(orgs(registrarMsp, config))] });
  return { caller, config, registrarMsp };
}

/**
 * Key-level endorsement policy of a title (and of its transfer and encumbrance records):
 *
 *   AND(registrar.peer, OutOf(1, <other departments except lenders>.peer) [, lender.peer ...])
 *
 * - The registrar's peer is always required, so no other department can change a title.
 * - One further department is required, so the registrar cannot change a title alone either.
 * - A lender that is an org on the channel is added while its encumbrance is active, so ownership cannot
 *   change without the lender's own peer; it is kept out of the "one other department" pool so that
 *   registrar + lender alone never suffice.
 * Owners and buyers are citizens without Fabric identities, so they cannot be in the policy; their consent
 * is the evidence-hashed approval on the transfer record, checked by the chaincode on every endorser.
 */
export function titlePolicy(registrarMsp: string, members: readonly string[], lenderMsps: readonly string[]): PolicyNode {
  const lenders = [...new Set(lenderMsps)].filter((m) => m !== registrarMsp).sort();
  if (lenders.length === 0) return registrarPlusOne(registrarMsp, members);
  const others = [...new Set(members)].filter((m) => m !== registrarMsp && !lenders.includes(m)).sort();
  const rules: PolicyNode[] = [peerOf(registrarMsp)];
  if (others.length > 0) rules.push(outOf(1, ...others.map(peerOf)));
  rules.push(...lenders.map(peerOf));
  return allOf(...rules);
}

/**
 * Sets the key-level policy of a property key from the title it belongs to. Called on every write of a
 * title, transfer or encumbrance, so the policy always follows the current lenders and member list.
 */
export async function protectPropertyKey(tx: Tx, auth: PropertyAuth, key: string, title: Pick<TitleData, 'activeEncumbrances'>): Promise<void> {
  await setKeyPolicy(tx.stub, key, titlePolicy(auth.registrarMsp, auth.config.members, lenderMspsOf(title)));
}
