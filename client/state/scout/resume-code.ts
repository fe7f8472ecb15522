/**
 * Resume codes made on the tablet, so the scout can hand the business its
 * code on the spot, offline. Same format as the server's
 * (server/assessments/resume-code.ts): 28 characters of an alphabet without
 * look-alikes, in groups of four; the server checks the format and keeps only a hash.
 */
import { RESUME_ALPHABET, RESUME_CODE_GROUP as GROUP, RESUME_CODE_LENGTH as LENGTH } from '../resume-code.ts';

export { RESUME_ALPHABET };
// 248 = 8 · 31: bytes from 248 up are thrown away, so every character is equally likely (no modulo bias).
const UNBIASED_LIMIT = Math.floor(256 / RESUME_ALPHABET.length) * RESUME_ALPHABET.length;

export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

export function generateResumeCode(random: RandomBytes = (bytes) => crypto.getRandomValues(bytes)): string {
  let code = '';
  while (code.length < LENGTH) {
    for (const byte of random(new Uint8Array(LENGTH))) {
      if (byte < UNBIASED_LIMIT && code.length < LENGTH) code += RESUME_ALPHABET[byte % RESUME_ALPHABET.length];
    }
  }
  return code.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
}
