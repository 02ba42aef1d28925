/**
 * Configuration from the environment: the README table's defaults, and the
 * one-line reasons that stop start-up when a value is wrong — checked both on
 * `loadConfig` and on a real `quire serve` process.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('reads DATABASE_REPLICA_URLS as a comma-separated list of PostgreSQL replicas, none by default', () => {
    expect(loadConfig({}).replicaUrls).toEqual([]);
    const config = loadConfig({
      DATABASE_URL: 'postgres://quire@primary/quire',
      DATABASE_REPLICA_URLS: ' postgres://quire@replica1/quire , postgresql://quire@replica2/quire,',
    });
    expect(config.replicaUrls).toEqual(['postgres://quire@replica1/quire', 'postgresql://quire@replica2/quire']);
  });

  it('refuses replicas without a PostgreSQL primary, a URL that is not postgres://, or the primary itself', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://quire@replica/quire' })).toThrow(
      /DATABASE_REPLICA_URLS needs DATABASE_URL/,
    );
    const primary = 'postgres://quire@primary/quire';
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'mysql://replica/quire' })).toThrow(
      /DATABASE_REPLICA_URLS must be comma-separated postgres:\/\/ URLs .*"mysql:\/\/replica\/quire"/,
    );
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: primary })).toThrow(ConfigError);
  });

  it('uses the defaults the README documents when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.archiveName).toBe('Quire');
    expect(config.isSecure).toBe(false);
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080',
      QUIRE_DATA_DIR: '/srv/quire',
      DATABASE_URL: 'postgres://quire@db.internal:5432/quire',
      QUIRE_BASE_URL: 'https://fic.example.org/',
      QUIRE_ARCHIVE_NAME: 'The Lighthouse Archive',
    });
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe('/srv/quire');
    expect(config.databaseUrl).toBe('postgres://quire@db.internal:5432/quire');
    expect(config.baseUrl).toBe('https://fic.example.org');
    expect(config.archiveName).toBe('The Lighthouse Archive');
    expect(config.isSecure).toBe(true);
  });

  it('reads QUIRE_TRUST_PROXY as the number of trusted proxies (1 and true: one)', () => {
    expect(loadConfig({}).trustProxy).toBe(0);
    expect(loadConfig({ QUIRE_TRUST_PROXY: '0' }).trustProxy).toBe(0);
    expect(loadConfig({ QUIRE_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ QUIRE_TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ QUIRE_TRUST_PROXY: '3' }).trustProxy).toBe(3);
    expect(() => loadConfig({ QUIRE_TRUST_PROXY: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ QUIRE_TRUST_PROXY: '-1' })).toThrow(/QUIRE_TRUST_PROXY must be the number of proxies/);
  });

  it('reads the remote image mode and the listing admission limit, refusing what they cannot be', () => {
    expect(loadConfig({})).toMatchObject({ remoteImages: 'click', listingAdmission: { concurrency: 4, queue: 32 } });
    expect(
      loadConfig({ QUIRE_REMOTE_IMAGES: 'show', QUIRE_LISTING_CONCURRENCY: '0', QUIRE_LISTING_QUEUE: '100' }),
    ).toMatchObject({ remoteImages: 'show', listingAdmission: { concurrency: 0, queue: 100 } });
    expect(() => loadConfig({ QUIRE_REMOTE_IMAGES: 'never' })).toThrow(ConfigError);
    expect(() => loadConfig({ QUIRE_LISTING_CONCURRENCY: 'lots' })).toThrow(/QUIRE_LISTING_CONCURRENCY/);
    expect(() => loadConfig({ QUIRE_LISTING_QUEUE: '-1' })).toThrow(/QUIRE_LISTING_QUEUE/);
  });

  it("keeps guests' pages in memory unless QUIRE_PAGE_CACHE=off", () => {
    expect(loadConfig({}).pageCache).toBe(true);
    expect(loadConfig({ QUIRE_PAGE_CACHE: 'on' }).pageCache).toBe(true);
    expect(loadConfig({ QUIRE_PAGE_CACHE: 'off' }).pageCache).toBe(false);
    expect(() => loadConfig({ QUIRE_PAGE_CACHE: 'sometimes' })).toThrow(/QUIRE_PAGE_CACHE must be on or off/);
  });

  it('derives the base URL from PORT when QUIRE_BASE_URL is unset', () => {
    expect(loadConfig({ PORT: '4000' }).baseUrl).toBe('http://localhost:4000');
  });

  it('accepts postgresql:// as well as postgres://', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/quire' }).databaseUrl).toBe(
      'postgresql://localhost/quire',
    );
  });

  it.each(['abc', '', '0', '65536', '-1', '80.5', ' 80'])('refuses PORT=%j with a reason naming PORT', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: port })).toThrow(/^PORT must be a number from 1 to 65535/);
  });

  it.each(['mysql://localhost/quire', 'sqlite:./data/quire.sqlite', './data/quire.sqlite'])(
    'refuses DATABASE_URL=%j: only postgres:// selects a database server',
    (url) => {
      expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/^DATABASE_URL must start with postgres:\/\//);
    },
  );

  it('refuses a postgres:// DATABASE_URL that is not a URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://[broken' })).toThrow(/^DATABASE_URL is not a valid URL/);
  });

  it.each(['localhost:3000', 'fic.example.org', '/quire'])('refuses QUIRE_BASE_URL=%j without a scheme', (url) => {
    expect(() => loadConfig({ QUIRE_BASE_URL: url })).toThrow(/QUIRE_BASE_URL must/);
  });

  it('refuses a QUIRE_BASE_URL that is not http or https', () => {
    expect(() => loadConfig({ QUIRE_BASE_URL: 'ftp://fic.example.org' })).toThrow(
      /^QUIRE_BASE_URL must use http or https/,
    );
  });
});

describe('quire serve with bad configuration', () => {
  it('exits non-zero with a one-line reason instead of starting', async () => {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'npx',
        ['tsx', 'src/cli/main.ts', 'serve'],
        {
          env: { ...process.env, PORT: 'abc', QUIRE_DATA_DIR: path.join(os.tmpdir(), 'quire-never-created') },
          timeout: 60_000,
        },
        (error, stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
      );
    });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull(); // null would mean it was killed by the timeout: it kept serving
    // npx itself may add "npm warn …" lines (e.g. about npm_config_* set by `npm test`); they are not ours.
    const lines = result.stderr
      .trim()
      .split('\n')
      .filter((line) => !/^npm (warn|notice)/i.test(line));
    expect(lines).toEqual(['quire: configuration error: PORT must be a number from 1 to 65535, got "abc"']);
    expect(result.stdout).not.toContain('Quire is serving');
  });
});
