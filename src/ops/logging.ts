/**
 * The archive's log: JSON lines (pino) on stdout, one per request and one per
 * error, each carrying the id of the request it belongs to. The id is the
 * caller's `X-Request-Id` when that is short and plain, otherwise a new one;
 * it goes back in the response's `X-Request-Id`, so a user's report, the
 * proxy's log and ours can be matched. In a terminal (or `npm run dev`) the
 * lines are printed readably instead.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import type { MiddlewareHandler } from 'hono';
import { pino, type DestinationStream, type Logger } from 'pino';
import { routeLabel } from './route-label.ts';

export type { Logger } from 'pino';

const requestIds = new AsyncLocalStorage<string>();

/** The id of the request being answered, if any (for code that logs outside a handler's context). */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}

/** Letters, digits and `-_.:`, at most 64: an incoming id safe to echo into headers and logs. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function acceptRequestId(incoming: string | undefined): string {
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

export interface LoggerOptions {
  /** Readable lines instead of JSON (a terminal, `npm run dev`). */
  pretty?: boolean;
  /** Where the lines go (a test's memory stream); stdout by default. */
  destination?: DestinationStream;
  level?: string;
}

/** The logger `quire serve` uses: every line made while a request is answered names its request id. */
export function createLogger({ pretty = false, destination, level = 'info' }: LoggerOptions = {}): Logger {
  const options = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const reqId = requestIds.getStore();
      return reqId ? { reqId } : {};
    },
  };
  if (pretty && !destination && hasPinoPretty()) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } });
  }
  return destination ? pino(options, destination) : pino(options);
}

/** pino-pretty is a development dependency: a production install prints JSON even in a terminal. */
function hasPinoPretty(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** A logger that writes nothing: the app's default, so tests stay quiet. */
export const silentLogger: Logger = pino({ level: 'silent' });

/** Whether `quire serve` should print readable lines: a terminal, or `npm run dev` (NODE_ENV=development). */
export function wantsPrettyLogs(env: Record<string, string | undefined> = process.env): boolean {
  if (env.QUIRE_LOG_FORMAT === 'json') return false;
  if (env.QUIRE_LOG_FORMAT === 'pretty') return true;
  return env.NODE_ENV === 'development' || process.stdout.isTTY === true;
}

/**
 * Gives each request its id (in the response's X-Request-Id and every log line made while it is answered),
 * then logs one line when it is answered: method, route pattern, status, milliseconds.
 */
export function requestLogging(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const reqId = acceptRequestId(c.req.header('x-request-id'));
    const started = performance.now();
    await requestIds.run(reqId, async () => {
      await next();
      // Set on the answer as it is: c.header() rebuilds a finished answer around its body as a stream, which
      // cost a page from the guest page cache (src/pagecache) most of its speed. An answer whose headers
      // cannot change (Response.redirect, a fetched one) is rebuilt as before.
      try {
        c.res.headers.set('X-Request-Id', reqId);
      } catch {
        c.header('X-Request-Id', reqId);
      }
      logger.info(
        {
          method: c.req.method,
          route: routeLabel(c),
          status: c.res.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        },
        'request',
      );
    });
  };
}
