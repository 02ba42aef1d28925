/**
 * The fandom index: `/media` lists the media (Books, Films…) with how many
 * fandoms each holds; `/media/:name/fandoms` lists a medium's canonical
 * fandoms alphabetically, grouped by first letter, with work counts.
 * Fandoms not yet attached to a medium are under "Uncategorized Fandoms".
 */
import { Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { tagNameFromSlug, tagSlug, tagWorksPath } from './names.ts';
import { countUncategorizedFandoms, listFandomsWithCounts, listMedia } from './page-queries.ts';
import { findTagByName } from './queries.ts';
import { listingAudience } from '../visibility/index.ts';
import { readDb } from '../web/read-db.ts';

export const mediaRoutes = new Hono<AppEnv>();

export const UNCATEGORIZED = 'Uncategorized Fandoms';

const fandomsPath = (mediaName: string) => `/media/${tagSlug(mediaName)}/fandoms`;

mediaRoutes.get('/media', async (c) => {
  const db = readDb(c);
  const media = await listMedia(db);
  const uncategorized = await countUncategorizedFandoms(db);
  const entries = [...media, ...(uncategorized ? [{ id: null, name: UNCATEGORIZED, fandoms: uncategorized }] : [])];
  return renderPage(
    c,
    { title: 'Fandoms' },
    <section class="media-index">
      <h1>Fandoms</h1>
      {entries.length ? (
        <ul class="media-list">
          {entries.map((m) => (
            <li>
              <a href={fandomsPath(m.name)}>{m.name}</a> ({m.fandoms} {m.fandoms === 1 ? 'fandom' : 'fandoms'})
            </li>
          ))}
        </ul>
      ) : (
        <p>No fandoms have been wrangled yet.</p>
      )}
    </section>,
  );
});

/** The letter a fandom is filed under: its first letter without accents, or "#" for digits and symbols. */
export function indexLetter(name: string): string {
  const first = [...name.normalize('NFD').replace(/\p{M}/gu, '')][0] ?? '#';
  return /\p{L}/u.test(first) ? first.toLocaleUpperCase() : '#';
}

mediaRoutes.get('/media/:name/fandoms', async (c) => {
  const db = readDb(c);
  const viewer = c.get('viewer');
  const name = tagNameFromSlug(c.req.param('name'));
  let mediaId: number | null = null;
  let title = UNCATEGORIZED;
  const medium = await findTagByName(db, name);
  if (medium?.kind === 'media' && medium.is_canonical) {
    mediaId = medium.id;
    title = medium.name;
  } else if (name.toLowerCase() !== UNCATEGORIZED.toLowerCase()) {
    return renderMessage(c, 404, 'Media not found', 'There is no medium with that name here.');
  }
  const fandoms = await listFandomsWithCounts(db, mediaId, listingAudience(viewer));
  const groups = new Map<string, typeof fandoms>();
  for (const fandom of fandoms.sort((a, b) => a.name.localeCompare(b.name))) {
    const letter = indexLetter(fandom.name);
    groups.set(letter, [...(groups.get(letter) ?? []), fandom]);
  }
  return renderPage(
    c,
    { title: `${title} Fandoms` },
    <section class="fandom-index">
      <h1>{title} Fandoms</h1>
      <p>
        <a href="/media">All media</a>
      </p>
      {groups.size ? (
        <>
          <nav aria-label="Letters">
            <ul class="letter-index">
              {[...groups.keys()].map((letter, index) => (
                <li>
                  <a href={`#letter-${index}`}>{letter}</a>
                </li>
              ))}
            </ul>
          </nav>
          {[...groups].map(([letter, list], index) => (
            <section id={`letter-${index}`}>
              <h2>{letter}</h2>
              <ul class="fandom-list">
                {list.map((f) => (
                  <li>
                    <a href={tagWorksPath(f.name)}>{f.name}</a> ({f.works})
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      ) : (
        <p>No canonical fandoms here yet.</p>
      )}
    </section>,
  );
});
