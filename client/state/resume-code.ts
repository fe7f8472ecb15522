/**
 * Resume codes as people see them: 28 characters of an alphabet without
 * look-alikes in seven groups of four (the server's format, see
 * server/assessments/resume-code.ts). What a business types — lower case,
 * spaces, no dashes — is shown and kept in that one form.
 */
export const RESUME_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const RESUME_CODE_LENGTH = 28;
export const RESUME_CODE_GROUP = 4;

/** `nh35 saxq …` → `NH35-SAXQ-…`; null when it cannot be a code (the server answers such input as unknown anyway). */
export function formatResumeCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== RESUME_CODE_LENGTH || [...compact].some((c) => !RESUME_ALPHABET.includes(c))) return null;
  return compact.match(new RegExp(`.{${RESUME_CODE_GROUP}}`, 'g'))!.join('-');
}
