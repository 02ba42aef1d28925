/**
 * The checks `quire doctor` runs, each answering ok, warn or fail with how
 * to fix it: the configuration, the database and its migrations, fonts for
 * PDF downloads, the optional epubcheck and Calibre, free disk space in the
 * data folder and the mail server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, sqliteFileIn } from '../db/connect.ts';
import { pendingMigrations } from '../db/migrator.ts';
import { openReplicas } from '../db/replicas.ts';
import { ebookConvertPath } from '../downloads/calibre.ts';
import { findPdfFonts } from '../downloads/pdf-fonts.ts';
import { findProgram } from './find-program.ts';
import { pingDatabase } from './queries.ts';
import { withTimeout } from './timeout.ts';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  detail: string;
  /** What to do about a warn or fail. */
  fix?: string;
}

const TIMEOUT_MS = 5_000;
const MB = 1024 * 1024;

export async function runDoctorChecks(env: Record<string, string | undefined> = process.env): Promise<CheckResult[]> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    return [
      {
        name: 'configuration',
        status: 'fail',
        detail: (error as Error).message,
        fix: 'correct that setting (the README lists every one)',
      },
      ...checkTools(),
    ];
  }
  return [
    checkConfiguration(config),
    ...(await checkDatabase(config)),
    ...(await checkReplicas(config)),
    ...checkTools(),
    checkDisk(config.dataDir),
    await checkMail(config),
  ];
}

function checkConfiguration(config: Config): CheckResult {
  const host = new URL(config.baseUrl).hostname;
  const isLocal = host === 'localhost' || host === '127.0.0.1' || host === '::1';
  if (!config.isSecure && !isLocal) {
    return {
      name: 'configuration',
      status: 'warn',
      detail: `QUIRE_BASE_URL is ${config.baseUrl}: cookies are sent without Secure`,
      fix: 'serve the archive over https behind a proxy and set QUIRE_BASE_URL=https://…',
    };
  }
  return { name: 'configuration', status: 'ok', detail: `serving ${config.baseUrl}, data in ${config.dataDir}` };
}

async function checkDatabase(config: Config): Promise<CheckResult[]> {
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : sqliteFileIn(config.dataDir);
  if (!config.databaseUrl && !fs.existsSync(sqliteFileIn(config.dataDir))) {
    return [
      {
        name: 'database',
        status: 'fail',
        detail: `there is no database at ${where}`,
        fix: 'check QUIRE_DATA_DIR, or create the archive with `quire migrate` (or `quire restore FILE`)',
      },
    ];
  }
  let target: { url?: string; sqliteFile?: string };
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    if (!url.searchParams.has('connect_timeout')) url.searchParams.set('connect_timeout', String(TIMEOUT_MS / 1000));
    target = { url: url.toString() };
  } else target = { sqliteFile: sqliteFileIn(config.dataDir) };
  const db = openDatabase(target);
  try {
    try {
      await withTimeout(pingDatabase(db), TIMEOUT_MS, 'the database');
    } catch (error) {
      return [
        {
          name: 'database',
          status: 'fail',
          detail: `${where} does not answer: ${(error as Error).message}`,
          fix: config.databaseUrl
            ? 'check DATABASE_URL (host, port, user, password, database name) and that PostgreSQL is running'
            : 'check that the file is readable and writable by this user',
        },
      ];
    }
    const results: CheckResult[] = [{ name: 'database', status: 'ok', detail: `${where} answers` }];
    const pending = await pendingMigrations(db);
    results.push(
      pending.length
        ? {
            name: 'migrations',
            status: 'fail',
            detail: `${pending.length} pending: ${pending.join(', ')}`,
            fix: 'run `quire migrate` (once, before starting the new version)',
          }
        : { name: 'migrations', status: 'ok', detail: 'the database has every migration this version knows' },
    );
    return results;
  } finally {
    await db.destroy();
  }
}

/** Lag past this is a warning: readers who did not just write would see pages this old. */
const REPLICA_LAG_WARN_SECONDS = 30;

/** Each of DATABASE_REPLICA_URLS: does it answer, is it a replica, how far behind (`pg_last_xact_replay_timestamp()`). */
async function checkReplicas(config: Config): Promise<CheckResult[]> {
  const replicas = openReplicas(config.databaseUrl, config.replicaUrls);
  if (!replicas) return [];
  try {
    const statuses = await withTimeout(replicas.status(), TIMEOUT_MS, 'the replicas');
    return statuses.map((status): CheckResult => {
      const name = `replica ${status.url}`;
      if (!status.answers) {
        return {
          name,
          status: 'fail',
          detail: `does not answer (${status.error}); its reads go to the primary`,
          fix: 'check the URL in DATABASE_REPLICA_URLS and that the standby is running',
        };
      }
      if (status.lagSeconds === null) {
        return {
          name,
          status: 'fail',
          detail: 'answers but is not in recovery: it is no streaming replica',
          fix: 'list only standbys (made with pg_basebackup -R) in DATABASE_REPLICA_URLS',
        };
      }
      const lag = `${status.lagSeconds.toFixed(1)} s behind the primary`;
      return status.lagSeconds > REPLICA_LAG_WARN_SECONDS
        ? { name, status: 'warn', detail: lag, fix: "check the standby's replication (pg_stat_wal_receiver)" }
        : { name, status: 'ok', detail: lag };
    });
  } catch (error) {
    return [{ name: 'replicas', status: 'fail', detail: (error as Error).message }];
  } finally {
    await replicas.destroy();
  }
}

function checkTools(): CheckResult[] {
  const results: CheckResult[] = [];
  const fonts = findPdfFonts();
  if (!fonts) {
    results.push({
      name: 'PDF fonts',
      status: 'fail',
      detail: 'DejaVu fonts not found, so PDF downloads fail',
      fix: 'install fonts-dejavu-core (or point QUIRE_PDF_FONT_DIR at a folder holding DejaVuSerif.ttf)',
    });
  } else if (!fonts.cjk) {
    results.push({
      name: 'PDF fonts',
      status: 'warn',
      detail: `DejaVu found (${path.dirname(fonts.serif)}), but no CJK font: Chinese, Japanese and Korean print as boxes in PDFs`,
      fix: 'optional: install fonts-wqy-microhei or fonts-noto-cjk',
    });
  } else {
    results.push({ name: 'PDF fonts', status: 'ok', detail: `DejaVu and ${path.basename(fonts.cjk.file)}` });
  }
  const epubcheck = findProgram('epubcheck');
  results.push(
    epubcheck
      ? { name: 'epubcheck', status: 'ok', detail: epubcheck }
      : {
          name: 'epubcheck',
          status: 'warn',
          detail: 'not installed (optional: only the EPUB tests use it to validate downloads)',
          fix: 'optional: apt install epubcheck',
        },
  );
  const calibre = ebookConvertPath();
  results.push(
    calibre
      ? { name: 'Calibre', status: 'ok', detail: `${calibre} (MOBI and AZW3 downloads offered)` }
      : {
          name: 'Calibre',
          status: 'warn',
          detail: 'ebook-convert not found (optional: without it, MOBI and AZW3 downloads are not offered)',
          fix: 'optional: apt install calibre (or set QUIRE_EBOOK_CONVERT to its ebook-convert)',
        },
  );
  return results;
}

function checkDisk(dataDir: string): CheckResult {
  let dir = dataDir;
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const stats = fs.statfsSync(dir);
  const free = stats.bavail * stats.bsize;
  const detail = `${Math.round(free / MB).toLocaleString('en')} MB free in ${dir}`;
  if (free < 200 * MB)
    return { name: 'disk space', status: 'fail', detail, fix: 'free space or move QUIRE_DATA_DIR to a larger disk' };
  if (free < 2048 * MB)
    return {
      name: 'disk space',
      status: 'warn',
      detail,
      fix: 'less than 2 GB left: the database, its backups and the download cache grow',
    };
  return { name: 'disk space', status: 'ok', detail };
}

async function checkMail(config: Config): Promise<CheckResult> {
  if (!config.smtpUrl) {
    return {
      name: 'mail',
      status: 'warn',
      detail: 'QUIRE_SMTP_URL is not set: mail (password resets, notices) is printed to the log instead of sent',
      fix: 'set QUIRE_SMTP_URL=smtp://user:password@host:587 and QUIRE_MAIL_FROM',
    };
  }
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof import('nodemailer');
  const transport = nodemailer.createTransport(config.smtpUrl);
  const host = new URL(config.smtpUrl).host; // never the password
  try {
    await withTimeout(transport.verify(), TIMEOUT_MS, `the SMTP server ${host}`);
    return { name: 'mail', status: 'ok', detail: `the SMTP server ${host} accepts a connection` };
  } catch (error) {
    return {
      name: 'mail',
      status: 'fail',
      detail: `cannot reach the SMTP server ${host}: ${(error as Error).message}`,
      fix: 'check QUIRE_SMTP_URL (host, port, user, password) and that the server lets this machine connect',
    };
  } finally {
    transport.close();
  }
}
