/**
 * Resume codes: the secret that lets a business continue without an account.
 * 28 characters from an alphabet without look-alikes (no 0/O, 1/I/L) carry
 * 28·log2(31) ≈ 139 bits; only a SHA-256 of the code is stored. A slow hash is
 * not needed: with that much entropy nobody can guess, only steal, a code.
 */
import { createHash, randomInt } from 'node:crypto';

export const RESUME_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 28;
const GROUP = 4;

export function generateResumeCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += RESUME_ALPHABET[randomInt(RESUME_ALPHABET.length)];
  return code.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
}

/** Accepts what people type: any case, spaces or dashes between groups. Null when it cannot be a code. */
export function normalizeResumeCode(input: string): string | null {
  if (input.length > 80) return null;
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== LENGTH) return null;
  for (const char of compact) if (!RESUME_ALPHABET.includes(char)) return null;
  return compact;
}

const CANONICAL = new RegExp(`^[${RESUME_ALPHABET}]{${GROUP}}(-[${RESUME_ALPHABET}]{${GROUP}}){${LENGTH / GROUP - 1}}$`);
/**
 * A random code of 28 characters shows at least this many different ones but
 * for a chance of about 10⁻¹⁴; fewer means it was made up
 * (`2222-2222-…`, `ABCD-ABCD-…`), not drawn from a CSPRNG.
 */
const MIN_DISTINCT = 7;

/**
 * Whether a code made on a tablet looks as the tablet's generator makes it:
 * upper case, groups of four, the server's alphabet and length, and not a
 * made-up pattern. The server cannot see the tablet's randomness; it refuses
 * what no CSPRNG would plausibly draw.
 */
export function isGeneratedResumeCode(code: string): boolean {
  return CANONICAL.test(code) && new Set(code.replace(/-/g, '')).size >= MIN_DISTINCT;
}

export function hashResumeCode(normalized: string): string {
  return createHash('sha256').update(`procheck-resume:${normalized}`).digest('hex');
}

/**
 * The token in a report's "take the check again" link. It only starts a
 * re-assessment linked to its check — it does not open the check, so a report
 * shared with an adviser does not hand over the resume code. Derived from the
 * stored hash, so any report of the check (business, scout or staff) prints
 * the same link, and nothing new is stored; 192 bits cannot be guessed.
 */
export function retakeToken(resumeHash: string): string {
  return createHash('sha256').update(`procheck-retake:${resumeHash}`).digest('base64url').slice(0, 32);
}

/**
 * The token of a re-check reminder's unsubscribe link: derived from the
 * stored hash like the re-check token, but for another purpose, so one never
 * stands in for the other. It can only stop the reminder.
 */
export function unsubscribeToken(resumeHash: string): string {
  return createHash('sha256').update(`procheck-unsubscribe:${resumeHash}`).digest('base64url').slice(0, 32);
}
