// GB 11643-1999 citizen identity number: 6-digit area, 8-digit birth date, 3-digit sequence, check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83', '91',
]);

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Why an ID number is invalid, in Chinese for the clerk, or null when it is valid. */
export function residentIdProblem(value: unknown, today = new Date()): string | null {
  if (typeof value !== 'string' || !/^\d{17}[\dXx]$/.test(value)) return '身份证号应为18位，前17位为数字，末位为数字或X';
  if (!PROVINCE_PREFIXES.has(value.slice(0, 2))) return '身份证号的地区码无效';
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > today.getTime()) {
    return '身份证号中的出生日期无效';
  }
  if (residentIdCheckChar(value) !== value[17].toUpperCase()) return '身份证号校验码错误';
  return null;
}

export const isValidResidentId = (value: unknown): boolean => residentIdProblem(value) === null;

/**
 * A first-generation ID number (issued until 2004, still on old records and copies): 6-digit area, YYMMDD birth date
 * in the 1900s, 3-digit sequence, no check character.
 */
export function isValidFirstGenerationResidentId(value: string): boolean {
  if (!/^\d{15}$/.test(value) || !PROVINCE_PREFIXES.has(value.slice(0, 2))) return false;
  const y = 1900 + Number(value.slice(6, 8));
  const m = Number(value.slice(8, 10));
  const d = Number(value.slice(10, 12));
  const birth = new Date(Date.UTC(y, m - 1, d));
  return birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
}

export function normalizeResidentId(value: string): string {
  return value.toUpperCase();
}

/** Builds a well-formed ID number (for demo data and tests): area code, YYYYMMDD, 3-digit sequence. */
export function makeResidentId(area: string, birthDate: string, sequence: number): string {
  const first17 = `${area}${birthDate}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}
