import { GovernanceContract } from '../governance/governance-contract';
import { IdentityContract } from '../identity/identity-contract';
import { residentIdCheckChar } from '../identity/resident-id';
import { SECRET_ENV } from '../identity/subject-key';
import { TestIdentity } from './fake-identity';
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
} as const;

/** A fixed test secret (never a deployment secret). */
export const TEST_SECRET = '0123456789abcdef'.repeat(4);

/** Sets the subject-key secret for the current process. */
export function useTestSecret(): void {
  process.env[SECRET_ENV] = TEST_SECRET;
}

/** A valid resident ID number for a region, birth date (YYYYMMDD) and 3-digit sequence. */
export function residentId(birth = '19900307', seq = '123', region = '110105'): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + residentIdCheckChar(first17);
}

/** Personal data of a test citizen (all fictional). */
export function citizen(seq = '123', name = 'Test Citizen', birth = '19900307') {
  return {
    idNumber: residentId(birth, seq),
    name,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    address: `No. ${seq} Test Road, Testing District`,
  };
}

export const governance = new GovernanceContract();
export const identity = new IdentityContract();

/** Bootstraps governance with the default topology: PublicSecurity registers identity, etc. */
export async function bootstrap(ch: TestChannel): Promise<void> {
  await ch.submit(governance, 'Bootstrap', ['boot-1', JSON.stringify({
    governanceMsp: MSP.gov,
    members: Object.values(MSP),
    registrars: { identity: MSP.ps, property: MSP.nr, business: MSP.mr, copyright: MSP.co },
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

/** The identity dataset in the catalogue, owned by PublicSecurity. */
export async function catalogueIdentity(ch: TestChannel, shareClass = 'conditional'): Promise<void> {
  await ch.submit(governance, 'PutDataset', [`ds-${shareClass}`, JSON.stringify({
    dataset: 'resident-identity', ownerMsp: MSP.ps, fields: ['name', 'birthDate', 'address'], shareClass,
    legalBasis: 'Resident Identity Card Law art. 19', reason: 'catalogue', legalAuthority: 'Data Administration Regulation art. 5',
  })], { as: WHO.govAdmin });
}
