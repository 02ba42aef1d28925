/**
 * The front page: what this archive is, a search box, the busiest fandoms of each medium, the works updated
 * last, and for a member the pages they come back for. Also the About, Terms, Privacy and Help pages.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { memberLinks } from '../web/member-menu.ts';
import { renderPage } from '../web/layout.tsx';
import { listingAudience } from '../visibility/index.ts';
import { loadBlurbs } from '../works/listing-queries.ts';
import { Blurb } from '../works/blurb.tsx';
import { tagWorksPath } from '../tags/names.ts';
import { listRecentlyUpdatedWorkIds, listTopFandoms } from './queries.ts';
import { INFO_PAGES, loadInfoPage } from './info-pages.ts';

export const homeRoutes = new Hono<AppEnv>();

const FANDOMS_PER_MEDIUM = 5;
const RECENT_WORKS = 10;

homeRoutes.get('/', async (c) => {
  const { config, db } = c.get('deps');
  const viewer = c.get('viewer');
  const [description, fandoms, recentIds] = await Promise.all([
    loadInfoPage(config.dataDir, 'description', c.get('site')),
    listTopFandoms(db, FANDOMS_PER_MEDIUM),
    listRecentlyUpdatedWorkIds(db, listingAudience(viewer), RECENT_WORKS),
  ]);
  const recent = await loadBlurbs(db, recentIds);
  return renderPage(
    c,
    { title: 'Home' },
    <div class="home">
      <section class="home-intro">
        <h1>{config.archiveName}</h1>
        <div class="home-description" dangerouslySetInnerHTML={{ __html: description }} />
        <form method="get" action="/works/search" role="search" aria-label="Search works on the front page">
          <label for="home-q">Search works</label> <input id="home-q" name="q" type="search" />{' '}
          <button type="submit">Search</button>
        </form>
        <p>
          <a href="/works">Browse the latest works</a>, <a href="/media">all fandoms</a>
          {viewer ? null : (
            <>
              {' '}
              or <a href="/signup">sign up</a> to post your own
            </>
          )}
          .
        </p>
      </section>
      {viewer ? (
        <nav class="home-shortcuts" aria-labelledby="shortcuts-heading">
          <h2 id="shortcuts-heading">Your shortcuts</h2>
          <ul>
            {memberLinks(viewer).map((s) => (
              <li>
                <a href={s.href}>
                  {s.label}
                  {s.label === 'Inbox' && viewer.unreadInbox ? ` (${viewer.unreadInbox} unread)` : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <section class="home-fandoms" aria-labelledby="fandoms-heading">
        <h2 id="fandoms-heading">Fandoms</h2>
        {fandoms.length ? (
          fandoms.map((m) => (
            <>
              <h3>{m.medium}</h3>
              <ul>
                {m.fandoms.map((f) => (
                  <li>
                    <a href={tagWorksPath(f.name)}>{f.name}</a> ({f.works})
                  </li>
                ))}
              </ul>
            </>
          ))
        ) : (
          <p>No fandoms have been wrangled yet.</p>
        )}
        <p>
          <a href="/media">All fandoms</a>
        </p>
      </section>
      <section class="home-recent" aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recently updated</h2>
        {recent.length ? (
          <ol class="blurbs">
            {recent.map((work) => (
              <Blurb work={work} viewer={viewer} level={3} />
            ))}
          </ol>
        ) : (
          <p>No works have been posted yet.</p>
        )}
        <p>
          <a href="/works">All works</a>
        </p>
      </section>
    </div>,
  );
});

for (const page of INFO_PAGES) {
  homeRoutes.get(page.path, async (c) => {
    const html = await loadInfoPage(c.get('deps').config.dataDir, page.file, c.get('site'));
    return renderPage(
      c,
      { title: page.title },
      <section class="info-page">
        <h1>{page.title}</h1>
        <div dangerouslySetInnerHTML={{ __html: html }} />
      </section>,
    );
  });
}
