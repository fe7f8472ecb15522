/**
 * A real SMTP server inside the test process (smtp-server) on a free port:
 * it answers each message as the test says (250, 451, 550, or not at all) and
 * parses what it accepted with mailparser.
 */
import { type AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

/** What the server answers to the n-th message (0-based): accept, refuse with a code, or hold it until closed. */
export type Answer = 'accept' | { code: number; message: string } | 'hold';

export interface SmtpSink {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Messages whose data was sent but not accepted (refused or held). */
  refused: number;
  /** Resolves once `count` messages were accepted. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** `answers` gets the message's number and its recipients, so one server can greylist one address and refuse another. */
export async function startSmtpSink(answers: (n: number, to: string[]) => Answer = () => 'accept', port = 0): Promise<SmtpSink> {
  let n = 0;
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const sink = { refused: 0 } as { refused: number };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const answer = answers(n++, session.envelope.rcptTo.map((r) => r.address));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (answer === 'hold') {
          sink.refused++;
          return; // never answer: the client waits until it dies or times out
        }
        if (answer !== 'accept') {
          sink.refused++;
          const error = Object.assign(new Error(answer.message), { responseCode: answer.code });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks);
        received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed: await simpleParser(raw) });
        callback();
        for (const wake of waiters.splice(0)) wake();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    received,
    get refused() {
      return sink.refused;
    },
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
