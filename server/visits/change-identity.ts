/**
 * What makes a tablet's change comparable: its version (which write wins) and
 * its content hash (is a repeated change id the same change?).
 */
import { createHash } from 'node:crypto';
import type { SyncChange } from '../../api/visits.ts';

// Number.MAX_SAFE_INTEGER has 16 digits: fixed width keeps string order numeric.
const SEQ_DIGITS = 16;

const COUNTER_DIGITS = 6;

/** When a change counts as made: its hybrid clock (or, from older tablets, `at`), never later than its receipt. */
export function orderingTime(change: Pick<SyncChange, 'at' | 'hlc'>, receivedAt: Date): { wall: number; counter: number } {
  const clock = change.hlc ?? { wall: change.at, counter: 0 };
  const wall = Date.parse(clock.wall);
  // A tablet whose clock runs ahead of the server's is ordered by receipt: its edits cannot win by a fast clock.
  return wall > receivedAt.getTime() ? { wall: receivedAt.getTime(), counter: 0 } : { wall, counter: clock.counter };
}

/**
 * `<hlc wall>|<hlc counter>|<deviceId>|<seq>|<changeId>`, compared as a
 * string: the later edit by the hybrid logical clock wins, on one device the
 * higher sequence number, and the change id breaks the last ties, so two
 * different changes never have the same version and any arrival order
 * converges. The wall is normalised first ("…:00Z" and "…:00.5Z" would
 * compare the wrong way round, offsets not at all) and capped at the
 * server's clock at receipt. A replay within the sync window never gets here
 * (the ledger answers it), so a cap at another receipt cannot reorder it.
 */
export function changeVersion(change: Pick<SyncChange, 'at' | 'hlc' | 'deviceId' | 'seq' | 'changeId'>, receivedAt: Date): string {
  const { wall, counter } = orderingTime(change, receivedAt);
  return `${new Date(wall).toISOString()}|${String(counter).padStart(COUNTER_DIGITS, '0')}|${change.deviceId}|${String(change.seq).padStart(SEQ_DIGITS, '0')}|${change.changeId}`;
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
