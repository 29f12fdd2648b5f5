import { errors } from '../core/error-helpers';
import { hmacSha256Hex } from '../core/hashing';
import type { Fingerprints, PersonalData } from './schema';
import { PERSONAL_FIELDS } from './schema';

/** Env var holding the deployment secret (64 hex chars), per docs/conventions.md. */
export const SECRET_ENV = 'GOVCHAIN_SUBJECT_KEY_SECRET';

/**
 * The subject-key secret. Read on every use, not cached, so a restarted server picks up a rotated file;
 * missing or malformed -> CONFIG_MISSING (503), because a fallback key would silently fork identities.
 */
export function subjectSecret(): Buffer {
  const hex = process.env[SECRET_ENV];
  if (!hex || !/^[0-9a-fA-F]{64}$/.test(hex)) throw errors.configMissing(`${SECRET_ENV} is not set to 64 hex characters`, { env: SECRET_ENV });
  return Buffer.from(hex, 'hex');
}

/** Subject key: HMAC-SHA256(secret, idNumber); a bare hash of the small ID space could be brute-forced. */
export function subjectKeyOf(secret: Buffer, idNumber: string): string {
  return hmacSha256Hex(secret, `subject|${idNumber}`);
}

/**
 * The pseudonym a lookup entry is indexed and stored under instead of the subject key. A lookup is how an
 * operator learns a subject key from an ID number, so its own write set (which the client sees in the
 * endorsement response, even if it never submits) must not contain the subject key; only chaincode, holding
 * the secret, links the two.
 */
export function lookupRefOf(secret: Buffer, subjectKey: string): string {
  return hmacSha256Hex(secret, `lookup|${subjectKey}`);
}

/** Keyed digest of a lookup's claim (ID number, and name for a verify), binding the answer to what was logged. */
export function claimRefOf(secret: Buffer, claim: { idNumber: string; name?: string }): string {
  return hmacSha256Hex(secret, `claim|${claim.idNumber}|${claim.name ?? ''}`);
}

/** Per-field salts derived from the secret, subject key and staging tx id: deterministic across endorsers. */
export function saltsFor(secret: Buffer, subjectKey: string, stagedTxId: string): Fingerprints {
  const salt = (field: string) => hmacSha256Hex(secret, `salt|${subjectKey}|${stagedTxId}|${field}`);
  return { address: salt('address'), birthDate: salt('birthDate'), idNumber: salt('idNumber'), name: salt('name') };
}

/** One field's fingerprint: HMAC-SHA256 keyed by the field's salt. */
export function fingerprintOf(salt: string, value: string): string {
  return hmacSha256Hex(Buffer.from(salt, 'hex'), value);
}

/** Fingerprints of all personal-data fields. */
export function fingerprintsOf(salts: Fingerprints, data: PersonalData): Fingerprints {
  const out = {} as Fingerprints;
  for (const field of PERSONAL_FIELDS) out[field] = fingerprintOf(salts[field], data[field]);
  return out;
}
