import { citizen } from '@govchain/testing';
import { GovernanceContract } from '../src/governance/governance-contract';
import { IdentityContract } from '../src/identity/identity-contract';
import { SECRET_ENV } from '../src/identity/subject-key';
import type { TestIdentity } from './fake-identity';
import { TestChannel } from './test-channel';

/** The default topology's department MSPs. */
export const MSP = {
  gov: 'GovServiceCenterMSP',
  ps: 'PublicSecurityMSP',
  nr: 'NaturalResourcesMSP',
  mr: 'MarketRegulationMSP',
  co: 'CopyrightOfficeMSP',
} as const;

const op = (mspId: string, role: string, operatorId: string): TestIdentity => ({ mspId, role, operatorId });

/** Operators used across tests. */
export const WHO = {
  govAdmin: op(MSP.gov, 'admin', 'gov-admin1'),
  govAuditor: op(MSP.gov, 'auditor', 'gov-auditor1'),
  govClerk: op(MSP.gov, 'clerk', 'gov-clerk1'),
  psAdmin: op(MSP.ps, 'admin', 'ps-admin1'),
  psRegistrar: op(MSP.ps, 'registrar', 'ps-registrar1'),
  psClerk: op(MSP.ps, 'clerk', 'ps-clerk1'),
  psAuditor: op(MSP.ps, 'auditor', 'ps-auditor1'),
  nrRegistrar: op(MSP.nr, 'registrar', 'nr-registrar1'),
  nrClerk: op(MSP.nr, 'clerk', 'nr-clerk1'),
  nrClerk2: op(MSP.nr, 'clerk', 'nr-clerk2'),
  nrAdmin: op(MSP.nr, 'admin', 'nr-admin1'),
  mrClerk: op(MSP.mr, 'clerk', 'mr-clerk1'),
  mrAuditor: op(MSP.mr, 'auditor', 'mr-auditor1'),
  nrAuditor: op(MSP.nr, 'auditor', 'nr-auditor1'),
  psAdmin2: op(MSP.ps, 'admin', 'ps-admin2'),
  /** An investigator of the sealing org (PublicSecurity in the default topology). */
  psInvestigator: op(MSP.ps, 'investigator', 'ps-investigator1'),
  psInvestigator2: op(MSP.ps, 'investigator', 'ps-investigator2'),
  /** An investigator certificate issued by an org that may not seal (its own CA can mint any attribute). */
  mrInvestigator: op(MSP.mr, 'investigator', 'mr-investigator1'),
  /** The PublicSecurity clerk's operator id on an investigator certificate: one person, two certificates. */
  psClerkAsInvestigator: op(MSP.ps, 'investigator', 'ps-clerk1'),
} as const;

/** A fixed test secret (never a deployment secret). */
export const TEST_SECRET = '0123456789abcdef'.repeat(4);

/** Sets the subject-key secret for the current process. */
export function useTestSecret(): void {
  process.env[SECRET_ENV] = TEST_SECRET;
}

export const governance = new GovernanceContract();
export const identity = new IdentityContract();

/** Bootstraps governance with the default topology: PublicSecurity registers identity, etc. */
export async function bootstrap(ch: TestChannel): Promise<void> {
  await ch.submit(governance, 'Bootstrap', ['boot-1', JSON.stringify({
    governanceMsp: MSP.gov,
    members: Object.values(MSP),
    registrars: { identity: MSP.ps, property: MSP.nr, business: MSP.mr, copyright: MSP.co },
    sealingOrgs: [MSP.ps],
    reason: 'network created',
    legalAuthority: 'Data Administration Regulation art. 1',
  })], { as: WHO.govAdmin });
}

/** Stages and registers a citizen; returns the subject key. */
export async function registerCitizen(ch: TestChannel, data = citizen(), tag = '1'): Promise<string> {
  const staged = await ch.submit(identity, 'StagePersonalData', [`stage-${tag}`], { as: WHO.psRegistrar, transient: { personalData: JSON.stringify(data) } });
  await ch.submit(identity, 'Register', [`register-${tag}`, staged], { as: WHO.psRegistrar });
  return (JSON.parse(staged) as { subjectKey: string }).subjectKey;
}

/**
 * The identity dataset in the catalogue, owned by PublicSecurity. Changing an existing entry's share class
 * needs the owner's consent, so a pending change is approved by PublicSecurity's admin.
 */
export async function catalogueIdentity(ch: TestChannel, shareClass = 'conditional'): Promise<void> {
  const put = await ch.submitJson<{ status?: string }>(governance, 'PutDataset', [`ds-${shareClass}`, JSON.stringify({
    dataset: 'resident-identity', ownerMsp: MSP.ps, fields: ['name', 'birthDate', 'address'], shareClass,
    legalBasis: 'Resident Identity Card Law art. 19', reason: 'catalogue', legalAuthority: 'Data Administration Regulation art. 5',
  })], { as: WHO.govAdmin });
  if (put.status === 'pending') {
    await ch.submit(governance, 'ApproveDatasetChange', [`ds-${shareClass}-ok`, JSON.stringify({
      dataset: 'resident-identity', reason: 'owner consents', legalAuthority: 'Data Administration Regulation art. 5',
    })], { as: WHO.psAdmin });
  }
}

/** Proposes a grant (governance) and approves it (owner's admin). */
export async function grantApproved(ch: TestChannel, grant: { requesterMsp: string; dataset: string; purpose: string }, expiresAt = '2026-01-01T00:00:00.000Z', tag = 'g'): Promise<void> {
  const amend = { reason: 'grant', legalAuthority: 'Regulation art. 7' };
  await ch.submit(governance, 'ProposeGrant', [`${tag}-p`, JSON.stringify({ ...grant, expiresAt, legalBasis: 'Property Law art. 3', ...amend })], { as: WHO.govAdmin });
  await ch.submit(governance, 'ApproveGrant', [`${tag}-a`, JSON.stringify({ ...grant, ...amend })], { as: WHO.psAdmin });
}
