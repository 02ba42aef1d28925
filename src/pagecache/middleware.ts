/**
 * Serving guests from the page cache (page-cache.ts): a miss compresses the
 * route's answer once for the encoding the guest accepts (hono's compress()
 * then leaves it be) and keeps those bytes; a hit sends them with no route,
 * no query and no compression. Only a
 * GET with no cookie but the adult notice's is a guest's: a session, a flash
 * message or any other cookie goes to the routes as before, and an answer
 * that sets a cookie or is not a 200 is never kept. Cached answers carry an
 * ETag and Last-Modified, and a conditional request that matches gets a 304.
 * A guest's view of a work served from here still counts as a hit, written
 * a moment later in a batch (hit-buffer.ts).
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { ADULT_OK_COOKIE } from '../web/adult-ok.ts';
import type { AppEnv } from '../web/context.ts';
import { clientAddress } from '../web/context.ts';
import type { HitBuffer } from './hit-buffer.ts';
import type { CachedPage, PageCache } from './page-cache.ts';

const WORK_PAGE = /^\/works\/(\d{1,10})(?:\/chapters\/\d{1,10})?$/;
const LISTING = /^\/works$|^\/tags\/[^/]+\/works$/;

/** The work a cached address belongs to (null for a listing), or undefined when it is not kept. */
function cachedWorkOf(path: string): number | null | undefined {
  const work = WORK_PAGE.exec(path);
  if (work) return Number(work[1]);
  return LISTING.test(path) ? null : undefined;
}

/** A guest's cookies: none, or only the adult notice's answer. Anything else sends the request to the routes. */
function adultAnswerOf(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return '';
  let answer = '';
  for (const part of cookieHeader.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (!name) continue;
    if (name !== ADULT_OK_COOKIE) return null;
    answer = value.join('=');
  }
  return answer;
}

/** The encoding hono's compress() picks for this Accept-Encoding (gzip, then deflate). */
function encodingFor(accepted: string | undefined): string {
  if (!accepted) return 'identity';
  if (accepted.includes('gzip')) return 'gzip';
  return accepted.includes('deflate') ? 'deflate' : 'identity';
}

function isFresh(entry: CachedPage, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): boolean {
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => tag.trim() === entry.etag);
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Math.floor(entry.storedAt / 1000) * 1000 <= since;
}

/**
 * The stored answer as a response with its headers as a plain object: @hono/node-server writes such a response
 * straight to the socket, where a Headers object (undici's) cost a cached page a good part of its time.
 */
function answer(entry: CachedPage, status: 200 | 304, method: string): Response {
  const headers: Record<string, string> = { etag: entry.etag, 'last-modified': entry.lastModified };
  for (const [name, value] of entry.headers) headers[name] = value;
  if (status === 304 || method === 'HEAD') return new Response(null, { status, headers });
  return new Response(entry.body as Uint8Array<ArrayBuffer>, { status, headers });
}

export function servePageCache(cache: PageCache, hits: HitBuffer): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') return next();
    const workId = cachedWorkOf(c.req.path);
    if (workId === undefined) return next();
    const adult = adultAnswerOf(c.req.header('cookie'));
    if (adult === null || c.req.header('authorization')) return next();

    await cache.sync();
    cache.noteSettings(await c.get('deps').settings.current());
    const address = c.req.url;
    const query = address.indexOf('?');
    const encoding = encodingFor(c.req.header('accept-encoding'));
    const key = `${encoding} ${adult === '1' ? 'adult-ok' : '-'} ${c.req.path}${query < 0 ? '' : address.slice(query)}`;
    const cached = cache.get(key);
    if (cached) {
      if (workId !== null) hits.add(workId, clientAddress(c), c.req.header('user-agent') ?? '');
      const fresh = isFresh(cached, c.req.header('if-none-match'), c.req.header('if-modified-since'));
      c.res = answer(cached, fresh ? 304 : 200, method);
      return;
    }
    const generation = cache.generation;
    if (workId !== null) await cache.noteCounters(workId);
    await next();
    const res = c.res;
    if (method !== 'GET' || res.status !== 200 || res.headers.has('set-cookie')) return;
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) return;
    if (res.headers.has('content-encoding')) return;
    const plain = new Uint8Array(await res.arrayBuffer());
    const body = encoding === 'gzip' ? zlib.gzipSync(plain) : encoding === 'deflate' ? zlib.deflateSync(plain) : plain;
    const storedAt = Date.now();
    const kept = new Set(['content-length', 'vary', 'cache-control', 'content-encoding']);
    const entry: CachedPage = {
      status: 200,
      headers: [...res.headers.entries()].filter(([name]) => !kept.has(name)),
      body,
      etag: `"${crypto.createHash('sha1').update(body).digest('base64url')}"`,
      lastModified: new Date(storedAt).toUTCString(),
      storedAt,
      workId,
    };
    entry.headers.push(['vary', 'Accept-Encoding, Cookie'], ['cache-control', 'no-cache']);
    if (encoding !== 'identity') entry.headers.push(['content-encoding', encoding]);
    cache.store(key, entry, generation);
    c.res = answer(entry, 200, method);
  };
}
