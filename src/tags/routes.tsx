/** Routes of the tags domain. */
import { Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';

export const tagRoutes = new Hono<AppEnv>();
