/**
 * GET /pseud-icons/:file: a pseud's icon. Each upload gets a new file name
 * (src/users/pseud-icons.ts), so an address always means the same bytes and
 * is cached for a year as immutable; a removed icon is a 404.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { readIconFile } from './pseud-icons.ts';

export const pseudIconRoutes = new Hono<AppEnv>();

pseudIconRoutes.get('/pseud-icons/:file', async (c) => {
  const bytes = await readIconFile(c.get('deps').config.dataDir, c.req.param('file'));
  if (!bytes) return c.body('Not found', 404, { 'content-type': 'text/plain; charset=utf-8' });
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': 'image/webp',
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  });
});
