/** Routes of the transfer domain. */
import { Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';

export const importRoutes = new Hono<AppEnv>();
