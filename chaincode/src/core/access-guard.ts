import type { Context } from 'fabric-contract-api';
import { Caller, getCaller } from './caller';
import { errors } from './error-helpers';
import { GovernanceConfig, readGovernanceConfig, registrarOf } from './governance-config';
import type { RecordType } from '../api/record-types';
import type { Role } from '../api/roles';

/**
 * Which orgs may call: an explicit MSP list, the registrar of a record type, the governance org,
 * any member department, or any org at all.
 */
export type OrgRule = readonly string[] | `registrarOf:${RecordType}` | 'governance' | 'member' | 'any';

/** A transaction's declared access rule. */
export interface AccessRule {
  roles: readonly Role[];
  orgs: OrgRule;
}

/** The caller plus the governance config when the rule needed it. */
export interface Authorized {
  caller: Caller;
  config?: GovernanceConfig;
}

/**
 * Checks the caller against a declared rule: role first (FORBIDDEN_ROLE), then org (FORBIDDEN_ORG).
 * Org rules other than explicit lists and 'any' read the governance config (CONFIG_MISSING before Bootstrap).
 */
export async function requireCaller(ctx: Context, rule: AccessRule): Promise<Authorized> {
  const caller = getCaller(ctx);
  if (!rule.roles.includes(caller.role)) {
    throw errors.forbiddenRole(`role ${caller.role} may not call this transaction`, { role: caller.role, allowed: [...rule.roles] });
  }
  if (rule.orgs === 'any') return { caller };
  if (Array.isArray(rule.orgs)) {
    if (!rule.orgs.includes(caller.mspId)) throw forbiddenOrg(caller, [...rule.orgs]);
    return { caller };
  }
  const config = await readGovernanceConfig(ctx.stub);
  const allowed = allowedOrgs(config, rule.orgs as Exclude<OrgRule, readonly string[] | 'any'>);
  if (!allowed.includes(caller.mspId)) throw forbiddenOrg(caller, allowed);
  return { caller, config };
}

function allowedOrgs(config: GovernanceConfig, rule: `registrarOf:${RecordType}` | 'governance' | 'member'): string[] {
  if (rule === 'governance') return [config.governanceMsp];
  if (rule === 'member') return [...config.members];
  return [registrarOf(config, rule.slice('registrarOf:'.length) as RecordType)];
}

function forbiddenOrg(caller: Caller, allowed: string[]) {
  return errors.forbiddenOrg(`org ${caller.mspId} may not call this transaction`, { mspId: caller.mspId, allowed });
}

/** requireCaller, plus the governance config even for explicit-list and 'any' rules. */
export async function requireCallerWithConfig(ctx: Context, rule: AccessRule): Promise<Required<Authorized>> {
  const auth = await requireCaller(ctx, rule);
  return { caller: auth.caller, config: auth.config ?? (await readGovernanceConfig(ctx.stub)) };
}

/** A registrar-side operator: the caller, the governance config and the registrar MSP of the record type. */
export interface RegistrarAuth extends Required<Authorized> {
  registrarMsp: string;
}

/**
 * Checks that the caller has one of `roles` (default registrar) in the registrar org of a record type
 * (FORBIDDEN_ROLE, FORBIDDEN_ORG; CONFIG_MISSING while no registrar is configured).
 */
export async function requireRegistrar(ctx: Context, type: RecordType, roles: readonly Role[] = ['registrar']): Promise<RegistrarAuth> {
  const { caller, config } = await requireCallerWithConfig(ctx, { roles, orgs: `registrarOf:${type}` });
  return { caller, config, registrarMsp: registrarOf(config, type) };
}
