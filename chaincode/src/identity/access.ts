import type { Context } from 'fabric-contract-api';
import { AccessRule, requireCallerWithConfig } from '../core/access-guard';
import { registrarOf } from '../core/governance-config';
import { privateCollectionOf } from '../core/state';

/** Identity records are written by registrars of the identity registrar org. */
export const IDENTITY_REGISTRAR: AccessRule = { roles: ['registrar'], orgs: 'registrarOf:identity' };

/** Checks the caller is an identity registrar; returns the governance config and the registrar's collection. */
export async function requireIdentityRegistrar(ctx: Context) {
  const { caller, config } = await requireCallerWithConfig(ctx, IDENTITY_REGISTRAR);
  const registrarMsp = registrarOf(config, 'identity');
  return { caller, config, registrarMsp, collection: privateCollectionOf(registrarMsp) };
}
