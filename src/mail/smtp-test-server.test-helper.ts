/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1, a free port, no
 * auth or TLS) that keeps every message it receives, so a test can send
 * mail through the app's own nodemailer mailer and read what arrived —
 * headers, envelope and the decoded plain-text body. It can also refuse
 * the next few messages with a temporary failure (451), as a busy mail
 * server does, to test that mail is retried.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  headers: Map<string, string>;
  subject: string;
  /** The text/plain body, transfer encoding undone. */
  text: string;
  raw: string;
}

export interface TestSmtpServer {
  /** For QUIRE_SMTP_URL / createMailer. */
  url: string;
  messages: ReceivedMail[];
  /** Resolves with the first message (already received or still to come) that matches. */
  waitFor(predicate: (mail: ReceivedMail) => boolean): Promise<ReceivedMail>;
  /** The first message to `email` among those from position `after` on (`messages.length` marks "from now"). */
  nextTo(email: string, after?: number): Promise<ReceivedMail>;
  /** Answers the next `count` messages "451 try again later" (they are not kept). */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const waiters: Array<{ predicate: (mail: ReceivedMail) => boolean; resolve: (mail: ReceivedMail) => void }> = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          callback(Object.assign(new Error('Too busy, try again later'), { responseCode: 451 }));
          return;
        }
        const mail = parseMail(
          Buffer.concat(chunks).toString('utf8'),
          session.envelope.rcptTo.map((r) => r.address),
        );
        messages.push(mail);
        for (const waiter of [...waiters]) {
          if (!waiter.predicate(mail)) continue;
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(mail);
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const waitFor = (predicate: (mail: ReceivedMail) => boolean): Promise<ReceivedMail> => {
    const found = messages.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => waiters.push({ predicate, resolve }));
  };
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor,
    nextTo: (email, after = 0) => waitFor((m) => m.envelopeTo.includes(email) && messages.indexOf(m) >= after),
    refuseNext: (count) => {
      refusals = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Undoes RFC 2047 encoded words (`=?UTF-8?Q?…?=`), joining adjacent ones before decoding their bytes. */
export function decodeWords(value: string): string {
  return value.replace(/(=\?[^?]+\?[QB]\?[^?]*\?=)(\s+=\?[^?]+\?[QB]\?[^?]*\?=)*/gi, (run) => {
    const bytes = [...run.matchAll(/=\?[^?]+\?([QB])\?([^?]*)\?=/gi)].map(([, kind, data]) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ),
    );
    return Buffer.concat(bytes).toString('utf8');
  });
}

/** Enough MIME for the single-part text messages Quire sends. */
export function parseMail(raw: string, envelopeTo: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' '); // unfold continued header lines
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  let text = body;
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    text = Buffer.from(bytes, 'latin1').toString('utf8');
  } else if (encoding === 'base64') {
    text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return {
    envelopeTo,
    headers,
    subject: decodeWords(headers.get('subject') ?? ''),
    text: text.replace(/\r\n/g, '\n'),
    raw,
  };
}
