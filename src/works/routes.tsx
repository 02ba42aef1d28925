/** Routes of the works domain. */
import { Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';

export const workRoutes = new Hono<AppEnv>();
