/**
 * Unified social credit code (统一社会信用代码) per GB 32100-2015. Pure functions, no Fabric imports:
 * the API exports them, so the gateway rejects bad codes before a proposal is ever built.
 *
 * Layout of the 18 characters:
 *  1     registration management department code
 *  2     organisation category code
 *  3-8   administrative division code (6 digits, GB/T 2260)
 *  9-17  organisation code (GB 11714 body)
 *  18    check character over positions 1-17
 */

/** The 31 code characters in value order; I, O, Z, S and V are excluded because they read like digits. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weight of position i (0-based) is 3^i mod 31, as tabulated in the standard. */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const MODULUS = 31;
const BODY_LENGTH = 17;
const BODY_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{9}$/;

/** Why a string is not a valid code; `undefined` from {@link usccProblem} means it is valid. */
export type UsccProblem = 'LENGTH' | 'CHARACTERS' | 'CHECK_CHARACTER';

/**
 * Computes the check character for a 17-character body.
 * @throws RangeError if the body has the wrong length or characters (a programming error at call sites
 * that validated first; user input goes through {@link usccProblem}).
 */
export function usccCheckCharacter(body: string): string {
  if (body.length !== BODY_LENGTH || !BODY_PATTERN.test(body)) {
    throw new RangeError('USCC body must be 17 code characters with a 6-digit division code');
  }
  let sum = 0;
  for (let i = 0; i < BODY_LENGTH; i += 1) {
    sum += USCC_ALPHABET.indexOf(body.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  }
  // C18 = 31 - (sum mod 31), and a result of 31 wraps to value 0.
  const value = (MODULUS - (sum % MODULUS)) % MODULUS;
  return USCC_ALPHABET.charAt(value);
}

/**
 * Checks a candidate code and names the first problem found, or returns undefined when it is valid.
 * Only upper-case input is accepted: the code is an identifier and must have one spelling on chain.
 */
export function usccProblem(code: string): UsccProblem | undefined {
  if (code.length !== BODY_LENGTH + 1) return 'LENGTH';
  const body = code.slice(0, BODY_LENGTH);
  const check = code.charAt(BODY_LENGTH);
  if (!BODY_PATTERN.test(body) || !USCC_ALPHABET.includes(check)) return 'CHARACTERS';
  return usccCheckCharacter(body) === check ? undefined : 'CHECK_CHARACTER';
}

/** True when the code is a well-formed GB 32100-2015 code with a correct check character. */
export function isValidUscc(code: string): boolean {
  return usccProblem(code) === undefined;
}

/** Appends the check character to a 17-character body. */
export function completeUscc(body: string): string {
  return body + usccCheckCharacter(body);
}
