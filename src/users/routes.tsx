/** Routes of the users domain. */
import { Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';

export const userRoutes = new Hono<AppEnv>();
