/**
 * Secrets that let a program act for a person without their password:
 * personal API tokens (`Authorization: Bearer qat_…`, scope read or write)
 * and app passwords for e-reader apps (`Authorization: Basic`, username and
 * app password, scope opds). Secrets are shown once and stored as SHA-256
 * hashes; each request turns a valid one into the same Viewer a browser
 * session gives, so every policy applies unchanged.
 */
import crypto from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/database.ts';
import type { TokenScope } from './accounts.table.ts';
import { isBannedRow, viewerOf } from './viewer-row.ts';
import type { AppEnv, Viewer } from '../web/context.ts';
import { findLiveToken, insertToken, touchToken } from './token-queries.ts';

const TOKEN_PREFIX = 'qat_';
/** Writing "last used" on every request would make each read a write; once every few minutes tells the person enough. */
const TOUCH_EVERY_MS = 5 * 60_000;

export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

/** An API token: a recognisable prefix (so secret scanners can spot a leaked one) and 256 random bits. */
export function newApiToken(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
}

/** An app password typed on an e-reader's keyboard: four groups of lower-case letters and digits, ~100 bits. */
export function newAppPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789'; // no l, o, 0, 1: easy to misread on small screens
  const bytes = crypto.randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/** Creates a credential and returns the secret, which is never seen again. */
export async function createCredential(
  db: Db,
  userId: number,
  name: string,
  scope: TokenScope,
): Promise<{ id: number; secret: string }> {
  const secret = scope === 'opds' ? newAppPassword() : newApiToken();
  const id = await insertToken(db, { userId, name, scope, tokenHash: hashSecret(secret) });
  return { id, secret };
}

export interface Authenticated {
  viewer: Viewer;
  scope: TokenScope;
  tokenId: number;
}

async function authenticate(db: Db, secret: string): Promise<Authenticated | null> {
  const row = await findLiveToken(db, hashSecret(secret));
  if (!row || isBannedRow(row)) return null;
  const now = new Date();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) {
    await touchToken(db, row.token_id, now.toISOString());
  }
  return {
    scope: row.scope,
    tokenId: row.token_id,
    // Token requests have no session to end; policies never read the session id.
    viewer: viewerOf(row, ''),
  };
}

export type Credentials = { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string };

/** What an Authorization header carries, or null when it has none we understand. */
export function readAuthorization(header: string | undefined): Credentials | null {
  if (!header) return null;
  const [scheme, value = ''] = header.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) return value ? { kind: 'bearer', token: value } : null;
  if (/^basic$/i.test(scheme)) {
    let decoded: string;
    try {
      decoded = Buffer.from(value, 'base64').toString('utf8');
    } catch {
      return null;
    }
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    return { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return null;
}

/** A live API token (scope read or write). App passwords are not API tokens. */
export async function authenticateBearer(db: Db, token: string): Promise<Authenticated | null> {
  const found = await authenticate(db, token.trim());
  return found && found.scope !== 'opds' ? found : null;
}

/** A username with one of that user's live app passwords. */
export async function authenticateBasic(db: Db, username: string, password: string): Promise<Authenticated | null> {
  const found = await authenticate(db, password.trim());
  if (!found || found.scope !== 'opds') return null;
  return found.viewer.username.toLowerCase() === username.trim().toLowerCase() ? found : null;
}

/** Either kind of credential, each checked for its own scope: what downloads accept from apps. */
export async function authenticateAny(db: Db, credentials: Credentials): Promise<Authenticated | null> {
  return credentials.kind === 'bearer'
    ? authenticateBearer(db, credentials.token)
    : authenticateBasic(db, credentials.username, credentials.password);
}

/**
 * For routes apps fetch directly (downloads): a request without a session
 * may carry an API token or an app password instead, and then reads as that
 * person. Credentials that do not check out are refused outright rather
 * than silently read as a guest, so an app can tell its password is wrong.
 */
export const viewerFromCredentials: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('viewer')) {
    const credentials = readAuthorization(c.req.header('authorization'));
    if (credentials) {
      const found = await authenticateAny(c.get('deps').db, credentials);
      if (!found) {
        return c.text('Those credentials are not valid (wrong username, or a revoked app password or token).', 401, {
          'www-authenticate': 'Basic realm="Quire", charset="UTF-8"',
        });
      }
      c.set('viewer', found.viewer);
    }
  }
  await next();
};
