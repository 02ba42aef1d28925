import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config.ts';
import { createMailer, NOT_CONFIGURED_LINE } from './mailer.ts';
import { startTestSmtpServer, type TestSmtpServer } from './smtp-test-server.test-helper.ts';

describe('mailer', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('sends through the SMTP server at QUIRE_SMTP_URL, from QUIRE_MAIL_FROM', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Quire <archive@example.test>' });
    expect(mailer.isConfigured).toBe(true);
    await mailer.send({
      to: 'wren@example.test',
      subject: 'A note about the lighthouse',
      text: 'The lamp is lit again. Crème brûlée for everyone — and a long line that goes on past seventy-six characters so it has to be wrapped.',
    });
    const mail = await smtp.waitFor((m) => m.subject === 'A note about the lighthouse');
    expect(mail.envelopeTo).toEqual(['wren@example.test']);
    expect(mail.headers.get('from')).toBe('Quire <archive@example.test>');
    expect(mail.headers.get('to')).toBe('wren@example.test');
    expect(mail.text).toContain('Crème brûlée for everyone — and a long line that goes on past seventy-six characters');
  });

  it('prints messages to stdout with a clear line when no SMTP URL is set', async () => {
    const printed: string[] = [];
    const mailer = createMailer({ smtpUrl: undefined, mailFrom: 'Quire <noreply@localhost>' }, (text) =>
      printed.push(text),
    );
    expect(mailer.isConfigured).toBe(false);
    await mailer.send({ to: ['a@example.test', 'b@example.test'], subject: 'Hello', text: 'Open http://localhost/x' });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(NOT_CONFIGURED_LINE);
    expect(printed[0]).toContain('To: a@example.test, b@example.test');
    expect(printed[0]).toContain('Subject: Hello');
    expect(printed[0]).toContain('Open http://localhost/x');
  });

  it('refuses a malformed or non-SMTP URL at start-up without repeating it', () => {
    expect(() => createMailer({ smtpUrl: 'not a url:secret', mailFrom: 'x@y' })).toThrow(ConfigError);
    expect(() => createMailer({ smtpUrl: 'not a url:secret', mailFrom: 'x@y' })).not.toThrow(/secret/);
    expect(() => createMailer({ smtpUrl: 'https://mail.example.test', mailFrom: 'x@y' })).toThrow(/smtp:\/\//);
  });
});
