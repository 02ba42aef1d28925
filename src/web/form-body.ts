/**
 * Reads a submitted form once, before any route does, so a body that claims
 * to be a form but cannot be read as one (a multipart body without its
 * boundary, cut short, or with a broken part) is a 400 with a message, for
 * every form route at once. Before this, `c.req.parseBody()` threw inside
 * the route and the person saw a 500. Hono keeps the parsed form, so the
 * route's own `parseBody` reads it without parsing again.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { renderMessage } from './layout.tsx';

const FORM_TYPES = new Set(['multipart/form-data', 'application/x-www-form-urlencoded']);

export const readableFormBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = c.req.header('content-type')?.split(';')[0].trim().toLowerCase();
  if (!type || !FORM_TYPES.has(type)) return next();
  try {
    await c.req.parseBody();
  } catch (error) {
    // The body is already in memory (the body limit read it), so a failure here is the body's shape, not the network.
    if (!(error instanceof TypeError)) throw error;
    return renderMessage(
      c,
      400,
      'The form could not be read',
      'What your browser sent is not a complete form (it may have been cut short). Go back, and send the form again.',
    );
  }
  return next();
};
