import type { Context } from 'fabric-contract-api';
import { requireCaller, requireCallerWithConfig } from '../core/access-guard';
import { parseJsonArg } from '../core/args';
import { errors } from '../core/error-helpers';
import { GovernanceConfig, readGovernanceConfig } from '../core/governance-config';
import { getRecord } from '../core/state';
import { submit } from '../core/submit';
import { amendVersioned, createVersioned } from '../core/versioned';
import { protectGovernanceKey } from './policy';
import { configRef } from './records';
import { bootstrapSchema, setMembersSchema, setRegistrarSchema, setSealingOrgsSchema } from './schema';

/**
 * Governance:Bootstrap: writes the first governance config. Allowed once, and only to an admin of the
 * MSP the input names as governance org (there is no config yet to consult).
 */
export async function bootstrap(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(bootstrapSchema, raw, 'input');
  return submit(ctx, { txName: 'Governance:Bootstrap', requestId, input }, async (tx) => {
    await requireCaller(ctx, { roles: ['admin'], orgs: [input.governanceMsp] });
    if (await getRecord(ctx.stub, configRef.key)) throw errors.invalidState('governance already bootstrapped', {});
    const { reason, legalAuthority, ...config } = input;
    const record = await createVersioned<GovernanceConfig>(tx, configRef, config, { reason, legalAuthority }, 'bootstrapped');
    await protectGovernanceKey(ctx.stub, configRef.key, config);
    return record;
  });
}

/** Governance:SetRegistrar: the governance org names the registrar MSP of a record type. */
export async function setRegistrar(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(setRegistrarSchema, raw, 'input');
  return submit(ctx, { txName: 'Governance:SetRegistrar', requestId, input }, async (tx) => {
    const { config } = await requireCallerWithConfig(ctx, { roles: ['admin'], orgs: 'governance' });
    if (!config.members.includes(input.mspId)) throw errors.ruleViolation('registrar must be a member org', { mspId: input.mspId });
    return amendVersioned<GovernanceConfig>(tx, configRef, (c) => ({ ...c, registrars: { ...c.registrars, [input.recordType]: input.mspId } }),
      input, 'registrar-set');
  });
}

/** Governance:SetMembers: replaces the member list; the governance org and every registrar must stay. */
export async function setMembers(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(setMembersSchema, raw, 'input');
  return submit(ctx, { txName: 'Governance:SetMembers', requestId, input }, async (tx) => {
    await requireCaller(ctx, { roles: ['admin'], orgs: 'governance' });
    const current = await readGovernanceConfig(ctx.stub);
    const required = [current.governanceMsp, ...Object.values(current.registrars)].filter((m): m is string => !!m);
    const missing = required.filter((m) => !input.members.includes(m));
    if (missing.length > 0) throw errors.ruleViolation('members must keep the governance org and every registrar', { missing });
    const members = [...input.members].sort();
    const record = await amendVersioned<GovernanceConfig>(tx, configRef, (c) => ({ ...c, members }), input, 'members-set');
    await protectGovernanceKey(ctx.stub, configRef.key, { governanceMsp: current.governanceMsp, members });
    return record;
  });
}

/** Governance:SetSealingOrgs: the governance org names the orgs whose investigators may issue sealing orders. */
export async function setSealingOrgs(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(setSealingOrgsSchema, raw, 'input');
  return submit(ctx, { txName: 'Governance:SetSealingOrgs', requestId, input }, async (tx) => {
    const { config } = await requireCallerWithConfig(ctx, { roles: ['admin'], orgs: 'governance' });
    const strangers = input.sealingOrgs.filter((m) => !config.members.includes(m));
    if (strangers.length > 0) throw errors.ruleViolation('every sealing org must be a member', { strangers });
    const sealingOrgs = [...input.sealingOrgs].sort();
    return amendVersioned<GovernanceConfig>(tx, configRef, (c) => ({ ...c, sealingOrgs }), input, 'sealing-orgs-set');
  });
}
