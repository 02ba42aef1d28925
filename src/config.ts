/**
 * Configuration from the environment. Every setting is documented in the
 * README's table; a bad value stops start-up with a one-line reason
 * (`ConfigError`) instead of failing later in some request.
 */
import path from 'node:path';
import { REMOTE_IMAGE_MODES, type RemoteImageMode } from './html/remote-images.ts';

export interface Config {
  port: number;
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; undefined means the SQLite file in dataDir. */
  databaseUrl: string | undefined;
  /** DATABASE_REPLICA_URLS: streaming replicas of that PostgreSQL for reads that tolerate a little lag (src/db/replicas.ts). */
  replicaUrls: string[];
  baseUrl: string;
  archiveName: string;
  /** The age a person must confirm at sign-up (QUIRE_MINIMUM_AGE, 13 by default). */
  minimumAge: number;
  /** True when the archive is served over https, so cookies get `Secure`. */
  isSecure: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  /**
   * How many reverse proxies in front append to X-Forwarded-For (0: none, use the socket's address). The
   * client address is the entry the outermost trusted proxy appended: the Nth from the right. Entries to the
   * left of it are whatever the client sent.
   */
  trustProxy: number;
  /** Guests' pages answered from memory (src/pagecache): on unless QUIRE_PAGE_CACHE=off. */
  pageCache: boolean;
  /** With it, `/metrics` answers `Authorization: Bearer <token>` from any address (always loopback). */
  metricsToken: string | undefined;
  /** Images from other hosts in works: a link to click (the default, nothing fetched until then) or shown. */
  remoteImages: RemoteImageMode;
  /** Listings and searches answered at once (0: no limit), and how many more may wait (src/web/admission.ts). */
  listingAdmission: { concurrency: number; queue: number };
  /** Bounds on building one download file (it runs in a worker thread that is stopped past them). */
  downloadBuild: { timeoutMs: number; memoryMb: number };
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const port = parsePort(env.PORT ?? '3000');
  const dataDir = path.resolve(env.QUIRE_DATA_DIR || './data');
  const databaseUrl = parseDatabaseUrl(env.DATABASE_URL);
  const baseUrl = parseBaseUrl(env.QUIRE_BASE_URL ?? `http://localhost:${port}`);
  return {
    port,
    dataDir,
    databaseUrl,
    replicaUrls: parseReplicaUrls(env.DATABASE_REPLICA_URLS, databaseUrl),
    baseUrl,
    archiveName: env.QUIRE_ARCHIVE_NAME || 'Quire',
    minimumAge: parseMinimumAge(env.QUIRE_MINIMUM_AGE),
    isSecure: baseUrl.startsWith('https:'),
    smtpUrl: env.QUIRE_SMTP_URL || undefined,
    mailFrom: env.QUIRE_MAIL_FROM || `Quire <noreply@${new URL(baseUrl).hostname}>`,
    trustProxy: parseTrustProxy(env.QUIRE_TRUST_PROXY),
    pageCache: parseOnOff('QUIRE_PAGE_CACHE', env.QUIRE_PAGE_CACHE, true),
    metricsToken: env.QUIRE_METRICS_TOKEN || undefined,
    remoteImages: parseRemoteImages(env.QUIRE_REMOTE_IMAGES),
    listingAdmission: {
      concurrency: parseCount('QUIRE_LISTING_CONCURRENCY', env.QUIRE_LISTING_CONCURRENCY ?? '4'),
      queue: parseCount('QUIRE_LISTING_QUEUE', env.QUIRE_LISTING_QUEUE ?? '32'),
    },
    downloadBuild: {
      timeoutMs: parsePositive('QUIRE_DOWNLOAD_BUILD_SECONDS', env.QUIRE_DOWNLOAD_BUILD_SECONDS ?? '60') * 1000,
      memoryMb: Math.round(
        parsePositive('QUIRE_DOWNLOAD_BUILD_MEMORY_MB', env.QUIRE_DOWNLOAD_BUILD_MEMORY_MB ?? '512'),
      ),
    },
  };
}

function parseOnOff(name: string, value: string | undefined, byDefault: boolean): boolean {
  if (!value) return byDefault;
  const word = value.trim().toLowerCase();
  if (word === 'on') return true;
  if (word === 'off') return false;
  throw new ConfigError(`${name} must be on or off, got "${value}"`);
}

function parseMinimumAge(value: string | undefined): number {
  if (!value) return 13;
  const age = Number(value);
  if (!/^\d+$/.test(value) || age < 1 || age > 99) {
    throw new ConfigError(`QUIRE_MINIMUM_AGE must be a whole number of years from 1 to 99, got "${value}"`);
  }
  return age;
}

function parseRemoteImages(value: string | undefined): RemoteImageMode {
  if (!value) return 'click';
  const mode = REMOTE_IMAGE_MODES.find((m) => m === value.trim().toLowerCase());
  if (!mode) throw new ConfigError(`QUIRE_REMOTE_IMAGES must be click or show, got "${value}"`);
  return mode;
}

function parseTrustProxy(value: string | undefined): number {
  if (!value || value === '0' || value === 'false') return 0;
  if (value === 'true') return 1;
  const hops = Number(value);
  if (!/^\d+$/.test(value) || hops > 10) {
    throw new ConfigError(`QUIRE_TRUST_PROXY must be the number of proxies in front (1 to 10), got "${value}"`);
  }
  return hops;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT must be a number from 1 to 65535, got "${value}"`);
  }
  return port;
}

function parseCount(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new ConfigError(`${name} must be a whole number from 0, got "${value}"`);
  return Number(value);
}

function parsePositive(name: string, value: string): number {
  const number = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || !(number > 0))
    throw new ConfigError(`${name} must be a positive number, got "${value}"`);
  return number;
}

function parseDatabaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// (leave it unset for the SQLite default), got "${value}"`,
    );
  }
  try {
    new URL(value);
  } catch {
    throw new ConfigError(`DATABASE_URL is not a valid URL: "${value}"`);
  }
  return value;
}

function parseReplicaUrls(value: string | undefined, databaseUrl: string | undefined): string[] {
  const urls = (value ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  if (urls.length && !databaseUrl) {
    throw new ConfigError(
      'DATABASE_REPLICA_URLS needs DATABASE_URL: replicas are streaming copies of a PostgreSQL primary (SQLite has none)',
    );
  }
  for (const url of urls) {
    let valid = /^postgres(ql)?:\/\//.test(url);
    try {
      new URL(url);
    } catch {
      valid = false;
    }
    if (!valid) {
      throw new ConfigError(
        `DATABASE_REPLICA_URLS must be comma-separated postgres:// URLs of streaming replicas, got "${url}"`,
      );
    }
    if (url === databaseUrl) throw new ConfigError(`DATABASE_REPLICA_URLS lists the primary itself ("${url}")`);
  }
  return urls;
}

function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`QUIRE_BASE_URL must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`QUIRE_BASE_URL must use http or https, got "${value}"`);
  }
  return url.toString().replace(/\/$/, '');
}
