/**
 * Works the outbox: claims a due mail with a lease, composes and sends it,
 * deletes it when the server took it, and otherwise tries again with
 * exponential backoff (temporary failures: 4xx, connection refused, timeouts)
 * or marks it failed (5xx, or too many attempts). A sender that dies while
 * sending leaves a lease that runs out; the mail is then sent once more — the
 * one possible duplicate — and never a third time (the repository's claim).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { MailOutboxRepository, MailRecord } from '../db/mail-outbox-repository.ts';
import type { MailComposer } from './compose.ts';
import { type MailTransport, describeFailure, isPermanentFailure } from './transport.ts';

export interface SenderTiming {
  /** How often the queue is looked at besides the wake-ups after queueing (other instances, retries, digests). */
  pollMs: number;
  /** The first retry's delay; each further one doubles it, up to `maxRetryMs`. */
  retryBaseMs: number;
  maxRetryMs: number;
  /** Attempts before a temporarily failing mail is given up. */
  maxAttempts: number;
  /** How long a claim lasts: longer than one send can take (SMTP timeouts included). */
  leaseMs: number;
}

export const DEFAULT_SENDER_TIMING: SenderTiming = { pollMs: 15_000, retryBaseMs: 60_000, maxRetryMs: 6 * 3_600_000, maxAttempts: 10, leaseMs: 5 * 60_000 };

interface Dependencies {
  outbox: MailOutboxRepository;
  composer: MailComposer;
  transport: MailTransport;
  timing: SenderTiming;
  clock: () => Date;
  log: FastifyBaseLogger;
  /** The periodic work that makes mail (reminders, digests, retention), run with each poll. */
  tick: () => Promise<unknown>;
}

export function retryDelay(attempts: number, timing: SenderTiming): number {
  return Math.min(timing.maxRetryMs, timing.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

export function createMailSender({ outbox, composer, transport, timing, clock, log, tick }: Dependencies) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let started = false;
  let closing = false;
  // The periodic work runs with each poll, not with every wake-up a queued mail causes.
  let tickDue = true;

  async function deliver(mail: MailRecord): Promise<void> {
    // Logged by id and kind only: no addresses in the log.
    const context = { mail: mail.id, kind: mail.kind, attempt: mail.attempts };
    let message;
    try {
      message = await composer.compose(mail);
    } catch (error) {
      log.error({ ...context, err: error }, 'mail could not be composed');
      await outbox.markFailed(mail.rowId, `could not be composed: ${describeFailure(error)}`, clock().toISOString());
      return;
    }
    if (!message) {
      await outbox.delete(mail.rowId);
      log.info(context, 'mail dropped: what it was about is gone');
      return;
    }
    let outcome;
    try {
      outcome = await transport.send(message);
    } catch (error) {
      const reason = describeFailure(error);
      if (isPermanentFailure(error) || mail.attempts >= timing.maxAttempts) {
        await outbox.markFailed(mail.rowId, reason, clock().toISOString());
        log.warn({ ...context, reason }, 'mail failed for good');
      } else {
        const next = new Date(clock().getTime() + retryDelay(mail.attempts, timing)).toISOString();
        await outbox.retryLater(mail.rowId, reason, next);
        log.info({ ...context, reason, next }, 'mail deferred');
      }
      return;
    }
    // Outside the try: a database error here is not the mail server's refusal (the lease brings the mail back once).
    await outbox.delete(mail.rowId);
    log.info({ ...context, latencyMs: clock().getTime() - new Date(mail.createdAt).getTime(), answer: outcome.info }, 'mail sent');
  }

  /** Sends every due mail, one after the other. */
  async function drain(): Promise<void> {
    do {
      again = false;
      if (tickDue) {
        tickDue = false;
        try {
          await tick();
        } catch (error) {
          log.error({ err: error }, 'mail tick failed');
        }
      }
      for (;;) {
        if (closing) return;
        const now = clock();
        const mail = await outbox.claimNext(now.toISOString(), new Date(now.getTime() + timing.leaseMs).toISOString());
        if (!mail) break;
        await deliver(mail);
      }
    } while (again && !closing);
  }

  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = drain()
      .catch((error: unknown) => log.error({ err: error }, 'mail sender failed'))
      .finally(() => {
        running = null;
        schedule();
      });
    return running;
  }

  function schedule() {
    if (!started || closing) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      tickDue = true;
      void run();
    }, timing.pollMs);
    timer.unref();
  }

  return {
    start() {
      started = true;
      void run();
    },
    /** A mail was queued: send it now rather than at the next poll. */
    wake() {
      if (started && !closing) void run();
    },
    /** Makes what is due (reminders, digests) and sends until the queue has nothing due (tests). */
    runOnce() {
      tickDue = true;
      return run();
    },
    /**
     * Lets a send in flight finish, but not for longer than `graceMs`: a mail
     * server that hangs must not hold up a shutdown. A mail cut off here keeps
     * its lease and is sent once more by the next start (the one resend).
     */
    async stop(graceMs = 5_000) {
      closing = true;
      clearTimeout(timer);
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise<void>((resolve) => (grace = setTimeout(resolve, graceMs)))]);
      clearTimeout(grace);
    },
  };
}

export type MailSender = ReturnType<typeof createMailSender>;
