/**
 * Outgoing mail: password reset links and notices to writers (a related
 * work waiting for approval, a gift), sent after commit through the outbox
 * (src/outbox/mail.ts), never from a request. With QUIRE_SMTP_URL set, messages go
 * through nodemailer over SMTP from QUIRE_MAIL_FROM; without it — the
 * development default — each message is printed to stdout under a line
 * saying mail is not configured, so a local archive still shows its links.
 */
import { createRequire } from 'node:module';
import { ConfigError, type Config } from '../config.ts';

export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  /** Extra headers, such as List-Unsubscribe on a mail people subscribed to. */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** True when messages really leave the machine (an SMTP URL is configured). */
  readonly isConfigured: boolean;
  /** Sends one message; rejects when the SMTP server refuses it or cannot be reached. */
  send(message: MailMessage): Promise<void>;
}

export type MailSettings = Pick<Config, 'smtpUrl' | 'mailFrom'>;

export const NOT_CONFIGURED_LINE = 'Mail is not configured (QUIRE_SMTP_URL is unset), so this message was not sent:';

export function createMailer(settings: MailSettings, print: (text: string) => void = console.log): Mailer {
  if (!settings.smtpUrl) return consoleMailer(settings.mailFrom, print);
  checkSmtpUrl(settings.smtpUrl);
  // Loaded only when mail is configured: an archive without SMTP never pays for nodemailer's memory.
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof import('nodemailer');
  const transport = nodemailer.createTransport(settings.smtpUrl);
  return {
    isConfigured: true,
    async send(message) {
      await transport.sendMail({ from: settings.mailFrom, ...message });
    },
  };
}

/** A mistyped URL stops start-up with one line, instead of failing at the first password reset. */
function checkSmtpUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The URL may hold a password, so it is not repeated in the message.
    throw new ConfigError('QUIRE_SMTP_URL is not a valid URL (expected smtp://user:password@host:587)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`QUIRE_SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}//…"`);
  }
}

function consoleMailer(from: string, print: (text: string) => void): Mailer {
  return {
    isConfigured: false,
    async send(message) {
      const to = Array.isArray(message.to) ? message.to.join(', ') : message.to;
      print(
        [
          `[mail] ${NOT_CONFIGURED_LINE}`,
          `From: ${from}`,
          `To: ${to}`,
          `Subject: ${message.subject}`,
          ...Object.entries(message.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
          '',
          message.text,
          '[mail] (end of message)',
        ].join('\n'),
      );
    },
  };
}
