/**
 * Absolute links — in feeds, OPDS catalogs, PDFs and mail — are built from QUIRE_BASE_URL. Left at its default
 * (http://localhost:PORT), they point an e-reader on another device at itself. When a request arrives for
 * another host while the base URL is a loopback one, the server says so once in its log, with the fix.
 */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function hostnameOf(host: string | undefined): string | undefined {
  if (!host) return undefined;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/** Logs, once per app, that QUIRE_BASE_URL needs setting when a non-loopback host is asked for. */
export function warnOfLoopbackBaseUrl(config: Config, logger: Logger): MiddlewareHandler {
  let warned = !LOOPBACK.has(new URL(config.baseUrl).hostname);
  return async (c, next) => {
    if (!warned) {
      const host = hostnameOf(c.req.header('host'));
      if (host && !LOOPBACK.has(host)) {
        warned = true;
        logger.warn(
          { host, baseUrl: config.baseUrl },
          `A request came for ${host}, but links in feeds, OPDS catalogs and PDFs point at ${config.baseUrl}: ` +
            `e-readers and other devices need QUIRE_BASE_URL set to the address they use (e.g. http://${host}:${config.port}).`,
        );
      }
    }
    await next();
  };
}
