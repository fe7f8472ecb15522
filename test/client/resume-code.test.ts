/** Resume codes made on the tablet: the server's format, every character equally likely. */
import { describe, expect, it } from 'vitest';
import { RESUME_ALPHABET as CLIENT_ALPHABET, generateResumeCode } from '../../client/state/scout/resume-code.ts';
import { RESUME_ALPHABET, normalizeResumeCode } from '../../server/assessments/resume-code.ts';

describe('generateResumeCode', () => {
  it('makes codes the server accepts, in groups of four', () => {
    expect(CLIENT_ALPHABET).toBe(RESUME_ALPHABET);
    for (let i = 0; i < 200; i++) {
      const code = generateResumeCode();
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}(?:-[2-9A-HJKMNP-Z]{4}){6}$/);
      expect(normalizeResumeCode(code)).not.toBeNull();
    }
  });

  it('throws away bytes from 248 up, so no character is favoured', () => {
    // First round: only biased bytes; second round: 0, 1, 2, … which map onto the alphabet in order.
    let round = 0;
    const random = (bytes: Uint8Array) => {
      bytes.set(round++ === 0 ? bytes.map(() => 250) : bytes.map((_, i) => i));
      return bytes;
    };
    expect(generateResumeCode(random).replace(/-/g, '')).toBe(RESUME_ALPHABET.slice(0, 28));
  });
});
