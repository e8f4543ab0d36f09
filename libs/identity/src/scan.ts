import { isValidResidentId } from './resident-id';

const ID_CANDIDATE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const PHONE_CANDIDATE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

/** Raw ID numbers (valid GB 11643 check character) and mobile numbers in a text — for scanning logs. */
export function findPersonalData(text: string): { idNumbers: string[]; phones: string[] } {
  return {
    idNumbers: [...text.matchAll(ID_CANDIDATE)].map((m) => m[0].toUpperCase()).filter((v) => isValidResidentId(v)),
    phones: [...text.matchAll(PHONE_CANDIDATE)].map((m) => m[0]),
  };
}
