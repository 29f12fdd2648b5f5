import type { Context } from 'fabric-contract-api';
import {
  AccessRule, Authorized, GovernanceConfig, RECORD_READER_ROLES, Tx, readGovernanceConfig, registrarOf, requireCaller, setKeyPolicy,
} from '../core';
import { TitleData, lenderMspsOf } from './property-records';
import { titlePolicy } from './title-policy';

/** Reads: any role of any member department (records hold subject keys and hashes only). */
export const PROPERTY_READ: AccessRule = { roles: RECORD_READER_ROLES, orgs: 'member' };

/** An authorized caller with the governance config, which property transactions always need. */
export interface PropertyAuth extends Authorized {
  config: GovernanceConfig;
  registrarMsp: string;
}

/** Registering titles, completing and cancelling transfers: registrars of the property registrar org. */
export async function requirePropertyRegistrar(ctx: Context): Promise<PropertyAuth> {
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
 * Sets the key-level policy of a property key from the title it belongs to. Called on every write of a
 * title, transfer or encumbrance, so the policy always follows the current lenders and member list.
 */
export async function protectPropertyKey(tx: Tx, auth: PropertyAuth, key: string, title: Pick<TitleData, 'activeEncumbrances'>): Promise<void> {
  await setKeyPolicy(tx.stub, key, titlePolicy(auth.registrarMsp, auth.config.members, lenderMspsOf(title)));
}
