/**
 * What makes a tablet's change comparable: its version (which write wins) and
 * its content hash (is a repeated change id the same change?).
 */
import { createHash } from 'node:crypto';
import type { SyncChange } from './visit-schemas.ts';

// Number.MAX_SAFE_INTEGER has 16 digits: fixed width keeps string order numeric.
const SEQ_DIGITS = 16;

/**
 * `<at>|<deviceId>|<seq>|<changeId>`, compared as a string: later edits win,
 * on one device the higher sequence number, and the change id breaks the last
 * ties, so two different changes never have the same version and any arrival
 * order converges. `at` is normalised first: the raw strings "…:00Z" and
 * "…:00.5Z" would compare the wrong way round, and offsets would not compare at all.
 */
export function changeVersion(change: Pick<SyncChange, 'at' | 'deviceId' | 'seq' | 'changeId'>): string {
  const at = new Date(change.at).toISOString();
  return `${at}|${change.deviceId}|${String(change.seq).padStart(SEQ_DIGITS, '0')}|${change.changeId}`;
}

/** JSON with object keys sorted at every depth, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 of the change's canonical JSON. A resume code in it enters as its
 * hash: the ledger then holds nothing that opens a check, and the same code
 * typed with other dashes or case is the same change.
 */
export function contentHash(change: SyncChange, resumeHash: string | null): string {
  const comparable = change.create ? { ...change, create: { ...change.create, resumeCode: resumeHash } } : change;
  return createHash('sha256').update(canonicalJson(comparable)).digest('hex');
}
