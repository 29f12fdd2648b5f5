// Valid, unique government records for the bench: resident IDs (GB 11643-1999), USCCs (GB 32100-2015), hashes.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { usccFromSeed } = require('@govchain/testing');

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const DAY = 86_400_000;
const FIRST_BIRTH = Date.UTC(1940, 0, 1);
const BIRTH_DAYS = 60 * 365;

/** Appends the ISO 7064 MOD 11-2 check character to a 17-digit body. */
export function residentId(body17) {
  const sum = [...body17].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  return body17 + CHECK[sum % 11];
}

export const sha256 = (s) => createHash('sha256').update(s).digest('hex');

/** A per-run random base, so repeated runs on one network do not collide on IDs, codes or request ids. */
export function runSeed() {
  return { tag: randomBytes(4).toString('hex'), base: randomInt(0, BIRTH_DAYS * 1000 - 2_000_000) };
}

/** Personal data of the i-th bench citizen of a run (birth date consistent with the ID number). */
export function personalData(seed, i) {
  const n = seed.base + i;
  const birth = new Date(FIRST_BIRTH + Math.floor(n / 1000) * DAY).toISOString().slice(0, 10);
  const body = `110101${birth.replaceAll('-', '')}${String(n % 1000).padStart(3, '0')}`;
  return { idNumber: residentId(body), name: `Bench Citizen ${n}`, birthDate: birth, address: `${n} Bench Road, Dongcheng, Beijing` };
}

/** Business:Register input (legal representative must be an active identity). */
export function businessInput(seed, i, legalRepresentative) {
  return {
    code: usccFromSeed(seed.base * 7 + i),
    name: `Bench Trading ${seed.tag}-${i} Co., Ltd.`,
    entityType: 'limited_liability_company',
    registeredCapital: { amount: '1000000.00', currency: 'CNY' },
    legalRepresentative,
    addressFingerprint: sha256(`address-${seed.tag}-${i}`),
    reason: 'initial registration',
    legalAuthority: 'Company Registration Regulations art. 3',
  };
}

/** Copyright:Deposit input (only the SHA-256 of the work). */
export function depositInput(seed, i, author) {
  return {
    contentHash: sha256(`work-${seed.tag}-${i}`),
    title: `Bench Work ${seed.tag}-${i}`,
    authors: [author],
    workType: 'software',
    firstPublicationDate: null,
    reason: 'voluntary deposit',
    legalAuthority: 'Copyright Law art. 12; voluntary registration measures',
  };
}

/** Audit:RequestAccess input for the owner org reading its own dataset. */
export function accessInput(dataset, subjectKey, i) {
  return { subjectKey, dataset, fields: ['name'], purpose: 'identity-verification', legalBasis: 'Resident Identity Card Law art. 15', caseId: `bench-case-${i}` };
}

const LEGACY_START = Date.UTC(2019, 0, 1);

/** One entry of a department's legacy access log (Audit:ImportEntries), the n-th of this run, at a past time. */
export function legacyEntry(seed, dataset, subjectKey, n) {
  return {
    subjectKey, dataset, fields: ['name'], purpose: 'counter-service', legalBasis: 'Resident Identity Card Law art. 15',
    caseId: `legacy-${seed.tag}-${n}`, accessorOperatorId: `legacy.clerk${n % 50}`, role: 'clerk',
    at: new Date(LEGACY_START + (seed.base % 1_000_000) * 60_000 + n * 1000).toISOString(),
  };
}

/** A request id unique to this run. */
export const requestId = (seed, kind, i) => `bench-${seed.tag}-${kind}-${i}`;
