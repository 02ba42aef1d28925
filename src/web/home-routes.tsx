/** The front page: what this archive is, and where to go next. */
import { Hono } from 'hono';
import type { AppEnv } from './context.ts';
import { renderPage } from './layout.tsx';

export const homeRoutes = new Hono<AppEnv>();

homeRoutes.get('/', (c) => {
  const { config } = c.get('deps');
  const viewer = c.get('viewer');
  return renderPage(
    c,
    { title: 'Home' },
    <section class="home">
      <h1>{config.archiveName}</h1>
      <p>An archive of fanworks: stories by fans about the characters they love.</p>
      <p>
        <a href="/works">Browse the latest works</a>
        {viewer ? (
          <>
            {' '}
            or <a href="/works/new">post a new work</a>.
          </>
        ) : (
          <>
            {' '}
            or <a href="/signup">sign up</a> to post your own.
          </>
        )}
      </p>
    </section>,
  );
});
