// GB 32100-2015 unified social credit code: 18 characters over an alphabet without I, O, S, V, Z.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Why a credit code is invalid, in Chinese, or null when it is valid. */
export function creditCodeProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !PATTERN.test(value)) {
    return '统一社会信用代码应为18位，由数字和大写字母组成（不含I、O、S、V、Z）';
  }
  if (creditCodeCheckChar(value) !== value[17]) return '统一社会信用代码校验码错误';
  return null;
}

export const isValidCreditCode = (value: unknown): boolean => creditCodeProblem(value) === null;

/** Completes 17 characters with their check character (for demo data and tests). */
export function makeCreditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}

/** The division code of the authority that registered the unit: characters 3–8 (GB 32100-2015, 登记管理机关行政区划码). */
export const creditCodeDivision = (code: string | null | undefined): string | undefined => (code && PATTERN.test(code) ? code.slice(2, 8) : undefined);
