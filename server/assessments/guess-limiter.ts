/**
 * Throttles guessing of resume codes, never their owners. Every code is
 * checked first: a code that opens its check always goes through, whatever
 * the counts, so twenty businesses behind one workshop router are not locked
 * out by one typo, nor everybody by a flood of guesses from many addresses.
 * A wrong code is counted per client and for everyone together; past either
 * limit a wrong code answers 429 with Retry-After instead of 403/404.
 *
 * What stops a guess from succeeding is the code's ~139 bits, not the limit:
 * an owner's request and a guess look the same until the code is compared.
 */
import type { ProblemCode } from '../../api/problem-codes.ts';
import { ProblemError } from '../errors.ts';
import type { FailureCounter } from '../auth/attempt-limiter.ts';

/** The refusals that mean "this code is wrong" — or, for a tablet's new code, "this code exists": both tell a guesser something. */
const WRONG_CODE: ReadonlySet<ProblemCode> = new Set(['resume-code.wrong', 'resume-code.unknown', 'assessment.unknown-previous', 'sync.resume-code-taken']);

export interface GuessLimiter {
  /** Runs a resume-code check for a client: passes its answer through, counts a wrong code. */
  check<T>(clientKey: string, attempt: () => Promise<T>): Promise<T>;
}

/**
 * Wrong codes in a one-minute window: in memory for one SQLite process
 * (auth/attempt-limiter.ts), in the database for instances sharing one
 * PostgreSQL database (db/shared-counters.ts), so the limits hold for all of them.
 */
export type GuessCounter = Pick<FailureCounter, 'retryAfterMs' | 'recordFailure'>;

export function createGuessLimiter({ perClient, everyone }: { perClient: GuessCounter; everyone: GuessCounter }): GuessLimiter {
  const EVERYONE = 'everyone';
  return {
    async check(clientKey, attempt) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof ProblemError) || !WRONG_CODE.has(error.code)) throw error;
        const waitMs = Math.max(await perClient.retryAfterMs(clientKey), await everyone.retryAfterMs(EVERYONE));
        await perClient.recordFailure(clientKey);
        await everyone.recordFailure(EVERYONE);
        if (waitMs > 0) {
          throw new ProblemError('resume-code.too-many-wrong', 'too many wrong resume codes; wait as long as Retry-After says', { retryAfter: waitMs / 1000 });
        }
        throw error;
      }
    },
  };
}
