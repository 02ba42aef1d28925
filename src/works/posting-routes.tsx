/** Routes for posting and editing works: /works/new, /works/:id/edit, delete, post a draft. */
import { Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';

export const postingRoutes = new Hono<AppEnv>();
