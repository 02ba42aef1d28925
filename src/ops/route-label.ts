/**
 * The name of the route that answered a request, for logs and metrics: the
 * pattern it was registered under (`/works/:id`), never the raw URL, so the
 * metrics keep one series per route however many works there are.
 */
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/** The last matched handler's pattern; `unmatched` when only middleware ran (a 404, a refused POST). */
export function routeLabel(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i]!;
    if (route.method !== 'ALL') return route.path;
  }
  return 'unmatched';
}
