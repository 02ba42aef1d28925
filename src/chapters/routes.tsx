/** Routes of the chapters domain. */
import { Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';

export const chapterRoutes = new Hono<AppEnv>();
