/**
 * Resident ID number checks per GB 11643-1999: 6-digit region code, 8-digit birth date, 3-digit sequence,
 * and an ISO 7064 MOD 11-2 check character. Pure functions, no Fabric imports (the gateway reuses them).
 */

/** Weights 2^(17-i) mod 11 for positions 1..17. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new TypeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] as string;
}

/** The birth date encoded in a resident ID number, as YYYY-MM-DD. */
export function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** Why a resident ID number is invalid, or undefined when it is valid. */
export function residentIdProblem(idNumber: string): string | undefined {
  if (!/^[1-9]\d{16}[\dX]$/.test(idNumber)) return 'expected 18 characters: 17 digits (first non-zero) and a digit or X';
  const date = birthDateOf(idNumber);
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(date)) return 'birth date in the number is not a calendar date';
  if (date < '1900-01-01') return 'birth date in the number is before 1900';
  if (residentIdCheckChar(idNumber.slice(0, 17)) !== idNumber[17]) return 'check character does not match (ISO 7064 MOD 11-2)';
  return undefined;
}
