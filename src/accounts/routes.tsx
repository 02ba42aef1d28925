/** Routes of the accounts domain. */
import { Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';

export const accountRoutes = new Hono<AppEnv>();
