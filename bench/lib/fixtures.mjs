// The bench's records, built on the one fixture module (@govchain/testing): citizens with valid resident IDs
// (GB 11643-1999), USCCs (GB 32100-2015) and hashes, seeded per run so repeated runs never collide.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { runSeed, seededCitizen, sha256Hex: sha256, usccFromSeed } = require('@govchain/testing');

/** A per-run random base, so repeated runs on one network do not collide on IDs, codes or request ids. */
export { runSeed };

/** Personal data of the i-th bench citizen of a run (birth date consistent with the ID number). */
export const personalData = (seed, i) => seededCitizen(seed, i, 'Bench');

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
