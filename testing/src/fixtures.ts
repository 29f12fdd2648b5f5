/**
 * Synthetic government records for tests and the bench: citizens with valid resident ID numbers (GB 11643-1999),
 * unified social credit codes (GB 32100-2015), parcel numbers and hashes. Everything is fictional. Three flavours:
 * fixed (unit tests compare exact values), seeded (the bench: distinct and reproducible per run) and random
 * (e2e tests: runs on one network never collide).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { type PersonalData, USCC_ALPHABET, completeUscc, residentIdCheckChar } from '@govchain/chaincode';

export type { PersonalData };

/** A valid resident ID number for a birth date (YYYYMMDD), 3-digit sequence and region. */
export function residentId(birth = '19900307', seq = '123', region = '110105'): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + residentIdCheckChar(first17);
}

const isoDate = (yyyymmdd: string): string => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

/** A fixed citizen: the same personal data for the same sequence, name and birth date. */
export function citizen(seq = '123', name = 'Test Citizen', birth = '19900307'): PersonalData {
  return { idNumber: residentId(birth, seq), name, birthDate: isoDate(birth), address: `No. ${seq} Test Road, Testing District` };
}

const SURNAMES = ['Zhao', 'Qian', 'Sun', 'Li', 'Zhou', 'Wu', 'Zheng', 'Wang'];
const GIVEN = ['Wei', 'Fang', 'Min', 'Jing', 'Lei', 'Yan', 'Tao', 'Hui'];

/** A fresh citizen born 1950-2004 with a unique, searchable name and address (`label` plus a random tag). */
export function randomCitizen(label = 'E2E'): PersonalData {
  const birth = `${1950 + randomInt(55)}${String(1 + randomInt(12)).padStart(2, '0')}${String(1 + randomInt(28)).padStart(2, '0')}`;
  const tag = randomInt(1e9).toString(36);
  return {
    idNumber: residentId(birth, String(randomInt(1000)).padStart(3, '0')),
    name: `${SURNAMES[randomInt(SURNAMES.length)]} ${GIVEN[randomInt(GIVEN.length)]} ${label}${tag}`,
    birthDate: isoDate(birth),
    address: `${1 + randomInt(300)} Chang'an Avenue, Dongcheng, Beijing, room ${label}${tag}`,
  };
}

/** A run of seeded records: a random tag and base, so repeated runs on one network do not collide. */
export interface RunSeed {
  tag: string;
  base: number;
}

const DAY = 86_400_000;
const FIRST_BIRTH = Date.UTC(1940, 0, 1);
const BIRTH_DAYS = 60 * 365;

/** A new run seed. */
export function runSeed(): RunSeed {
  return { tag: randomBytes(4).toString('hex'), base: randomInt(0, BIRTH_DAYS * 1000 - 2_000_000) };
}

/** The i-th citizen of a seeded run (distinct for distinct i; birth date consistent with the ID number). */
export function seededCitizen(seed: RunSeed, i: number, label = 'Bench'): PersonalData {
  const n = seed.base + i;
  const birth = new Date(FIRST_BIRTH + Math.floor(n / 1000) * DAY).toISOString().slice(0, 10);
  return { idNumber: residentId(birth.replaceAll('-', ''), String(n % 1000).padStart(3, '0'), '110101'), name: `${label} Citizen ${n}`, birthDate: birth, address: `${n} ${label} Road, Dongcheng, Beijing` };
}

/**
 * A valid unified social credit code from a non-negative integer, deterministically: "91" (market regulation,
 * enterprise), division 110108, and the seed spread over the nine organisation-code characters. Distinct seeds
 * below 31^9 give distinct codes.
 */
export function usccFromSeed(seed: number, prefix = '91110108'): string {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError('seed must be a non-negative safe integer');
  let rest = seed;
  let org = '';
  for (let i = 0; i < 9; i += 1) {
    org = USCC_ALPHABET.charAt(rest % USCC_ALPHABET.length) + org;
    rest = Math.floor(rest / USCC_ALPHABET.length);
  }
  return completeUscc(prefix + org);
}

/** A fresh unified social credit code. */
export function randomUscc(): string {
  return usccFromSeed(randomInt(2 ** 47));
}

/** A fresh parcel number (`<prefix>-<9 digits>`). */
export function randomParcel(prefix = 'E2E'): string {
  return `${prefix}-${String(randomInt(1e9)).padStart(9, '0')}`;
}

/** 64 hex characters made of one repeated seed: stands in for subject keys and document hashes. */
export const hex = (seed: string): string => seed.repeat(64).slice(0, 64);

/** 64 random lower-case hex characters. */
export function randomHex64(): string {
  return randomBytes(32).toString('hex');
}

/** SHA-256 of a string, lower-case hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
