/**
 * Builds the app in-process for route tests and plays a browser: keeps
 * cookies between requests and sends the Origin header that real browsers
 * send with forms, so CSRF protection is exercised, not bypassed.
 */
import { startBackground } from '../../src/background.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../src/mail/smtp-test-server.test-helper.ts';
import { createApp, type App } from '../../src/server.ts';
import type { HitBuffer } from '../../src/pagecache/hit-buffer.ts';
import { SettingsStore } from '../../src/settings/store.ts';

export const TEST_ORIGIN = 'http://localhost:3000';

/**
 * The app as tests usually run it: behind a pretend proxy (QUIRE_TRUST_PROXY=1), so a test can speak from
 * several client addresses with X-Forwarded-For. `{ trustProxy: false }` runs it as an archive without a proxy,
 * where that header must be ignored. `dataDir` gives it a real data folder (files it stores: pseud icons). The
 * guest page cache is on, as it is by default (src/pagecache): `{ pageCache: false }` is for a test that measures
 * a route itself (its queries), which a cached guest never reaches; `hits` lets a test write cached guests' hits
 * at once (`hits.flush()`).
 */
export function makeTestApp(
  db: Db,
  {
    trustProxy = true,
    dataDir = '/tmp/quire-unused',
    clock,
    pageCache,
    hits,
  }: { trustProxy?: boolean; dataDir?: string; clock?: () => Date; pageCache?: false; hits?: HitBuffer } = {},
): App {
  const config = loadConfig({
    QUIRE_BASE_URL: TEST_ORIGIN,
    QUIRE_DATA_DIR: dataDir,
    QUIRE_TRUST_PROXY: trustProxy ? '1' : undefined,
  });
  return createApp({ db, config, settings: testSettings(db), clock, pageCache, hits });
}

/**
 * The archive's settings read once, as the app is made, and again only after a change made through this app:
 * a page's query count never depends on whether a second passed since the last look (tests that change
 * settings from elsewhere use src/settings/settings.test-helper.ts).
 */
const testSettings = (db: Db) => new SettingsStore(db, Infinity);

/**
 * The app mailing through a real SMTP server the test reads, with the
 * background running as under `quire serve` (mail leaves through the
 * outbox after commit); `env` adds settings. Closing `smtp` stops the
 * background too, so close it after.
 */
export async function makeMailingApp(
  db: Db,
  env: Record<string, string> = {},
): Promise<{ app: App; smtp: TestSmtpServer }> {
  const server = await startTestSmtpServer();
  const config = loadConfig({
    QUIRE_BASE_URL: TEST_ORIGIN,
    QUIRE_DATA_DIR: '/tmp/quire-unused',
    QUIRE_SMTP_URL: server.url,
    ...env,
  });
  const mailer = createMailer(config);
  const background = startBackground(db, { mailer, config }, { pollMs: 10, withSchedule: false });
  const smtp: TestSmtpServer = {
    ...server,
    close: async () => {
      await background.stop();
      await server.close();
    },
  };
  return { app: createApp({ db, config, mailer, settings: testSettings(db) }), smtp };
}

export type FormValues = Record<string, string | string[] | undefined>;

export function formBody(values: FormValues): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  }
  return body;
}

/** A visitor with a cookie jar. */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(readonly app: App) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    const response = await this.app.request(`${TEST_ORIGIN}${path}`, { ...init, headers });
    this.remember(response);
    return response;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  /** GET and return the body text, failing loudly on an unexpected status. */
  async page(path: string, status = 200): Promise<string> {
    const response = await this.get(path);
    const html = await response.text();
    if (response.status !== status) {
      throw new Error(`GET ${path}: expected ${status}, got ${response.status}\n${html.slice(0, 500)}`);
    }
    return html;
  }

  post(path: string, values: FormValues = {}, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      body: formBody(values),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_ORIGIN, ...headers },
    });
  }

  postMultipart(path: string, form: FormData): Promise<Response> {
    return this.request(path, { method: 'POST', body: form, headers: { origin: TEST_ORIGIN } });
  }
}
