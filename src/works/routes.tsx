/**
 * Reading works: a work's page (its first chapter, one
 * chapter, or the entire work), the chapter index's redirect, and the adult
 * content notice's "continue". Each reading page passes the same gate:
 * exists → may this viewer read it (policy.ts) → adult notice → the text.
 */
import { Hono } from 'hono';
import { clientAddress, type AppContext, type AppEnv } from '../web/context.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import {
  confirmedAdultThisSession,
  isAdultRating,
  localPath,
  rememberAdultOk,
  renderAdultNotice,
  renderLogInToRead,
} from './adult-notice.tsx';
import { chapterPath } from './chapter-view.tsx';
import { loadWorkForDisplay, withoutCreatorsTrail, type WorkForDisplay } from './display-queries.ts';
import { isCreator, skipsAdultNotice, whyCannotReadWork, type WorkAccess } from './policy.ts';
import { findWorkAccess, hidesCreatorsFrom, listingAudience } from '../visibility/index.ts';
import { recordHit, visitorKey } from './hits-queries.ts';
import { loadReadingExtras, type ReadingExtra } from './reading-extras.ts';
import { pageTitle, visibleChapters, WorkPage, type ReadingMode } from './work-page.tsx';

/** A database id from a path or query segment; anything else (or absurdly large) is no id. */
export function parseId(raw: string | undefined): number | null {
  return raw && /^[0-9]{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

/** An unrevealed work to anyone but its creators and its collection's maintainers: nothing of it but that it waits. */
function renderMystery(c: AppContext, access: WorkAccess): Response {
  const collections = (access.mysteryCollections ?? []).join(', ');
  return renderMessage(
    c,
    200,
    'Mystery Work',
    `Part of ${collections || 'a collection'}: this work is part of an ongoing challenge and will be revealed soon.`,
  );
}

function workNotFound(c: AppContext): Response {
  return renderMessage(c, 404, 'Not found', 'There is no work at this address.');
}

/**
 * The gate every reading page passes. Returns the page to show instead of
 * the work (not found, log in, hidden, adult notice), or the work itself.
 * `returnTo` is where the log-in and the adult notice send the reader back.
 */
async function openForReading(
  c: AppContext,
  workId: number,
  returnTo: string,
): Promise<Response | { work: WorkForDisplay; access: WorkAccess }> {
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const access = await findWorkAccess(db, workId);
  if (!access) return workNotFound(c);
  switch (whyCannotReadWork(viewer, access)) {
    case 'not_found':
      return workNotFound(c);
    case 'log_in':
      return renderLogInToRead(c, returnTo);
    case 'hidden':
      return renderMessage(
        c,
        404,
        'This work has been hidden',
        'A moderator has hidden this work while it is reviewed.',
      );
    case 'unrevealed':
      return renderMystery(c, access);
  }
  const loaded = await loadWorkForDisplay(db, workId, listingAudience(viewer));
  if (!loaded) return workNotFound(c);
  const work = hidesCreatorsFrom(viewer, access) ? withoutCreatorsTrail(loaded) : loaded;
  if (isAdultRating(work.rating) && !skipsAdultNotice(viewer, access, confirmedAdultThisSession(c))) {
    // AO3's `?view_adult=true` links keep working: following one is the reader's "continue".
    if (c.req.query('view_adult') !== 'true') return renderAdultNotice(c, work, returnTo);
    rememberAdultOk(c);
  }
  // A reader's view counts as a hit; a creator rereading their own work does not.
  if (!isCreator(viewer, access)) {
    const visitor = visitorKey(viewer?.id ?? null, clientAddress(c), c.req.header('user-agent') ?? '');
    if (await recordHit(db, workId, visitor)) work.stats.hits += 1;
  }
  return { work, access };
}

async function renderReading(
  c: AppContext,
  extras: readonly ReadingExtra[],
  work: WorkForDisplay,
  access: WorkAccess,
  mode: ReadingMode,
) {
  const viewer = c.get('viewer');
  const chapters = visibleChapters(work, viewer, access);
  let shown = chapters;
  if (mode.kind === 'chapter') shown = chapters.filter((ch) => ch.id === mode.chapterId);
  else if (mode.kind === 'work') shown = chapters.slice(0, 1);
  if (mode.kind === 'chapter' && !shown.length) {
    return renderMessage(
      c,
      404,
      'Chapter not found',
      <>
        There is no chapter at this address. <a href={`/works/${work.id}`}>Read the work from its first chapter</a>
      </>,
    );
  }
  const chapterId = mode.kind === 'chapter' ? mode.chapterId : null;
  const returnTo = chapterId
    ? chapterPath(work.id, chapterId)
    : `/works/${work.id}${mode.kind === 'full' ? '?view_full_work=true' : ''}`;
  const { db } = c.get('deps');
  const loaded = await loadReadingExtras(extras, {
    db,
    viewer,
    access,
    work: { id: work.id, title: work.title, chapterIds: chapters.map((ch) => ch.id) },
    chapterId,
    shownChapterIds: shown.map((ch) => ch.id),
    returnTo,
    query: (name) => c.req.query(name),
    site: c.get('site'),
  });
  return renderPage(
    c,
    {
      title: pageTitle(work, shown, chapters, mode),
      reading: true,
      head: loaded.head.length ? loaded.head : undefined,
    },
    <WorkPage
      work={work}
      access={access}
      viewer={viewer}
      mode={mode}
      chapters={chapters}
      shown={shown}
      tools={loaded.tools}
      actions={loaded.actions}
      feedback={loaded['after-text']}
    />,
  );
}

/** The reading routes, with what other domains add to the pages (listed in src/server.ts). */
export function workRoutes(extras: readonly ReadingExtra[]): Hono<AppEnv> {
  const workRoutes = new Hono<AppEnv>();

  workRoutes.get('/works/:id{[0-9]+}', async (c) => {
    const workId = parseId(c.req.param('id'));
    if (!workId) return workNotFound(c);
    const full = c.req.query('view_full_work') === 'true';
    const gate = await openForReading(c, workId, full ? `/works/${workId}?view_full_work=true` : `/works/${workId}`);
    if (gate instanceof Response) return gate;
    return renderReading(c, extras, gate.work, gate.access, full ? { kind: 'full' } : { kind: 'work' });
  });

  workRoutes.get('/works/:id{[0-9]+}/chapters/:chapterId{[0-9]+}', async (c) => {
    const workId = parseId(c.req.param('id'));
    const chapterId = parseId(c.req.param('chapterId'));
    if (!workId || !chapterId) return workNotFound(c);
    const gate = await openForReading(c, workId, chapterPath(workId, chapterId));
    if (gate instanceof Response) return gate;
    return renderReading(c, extras, gate.work, gate.access, { kind: 'chapter', chapterId });
  });

  /** The chapter index's form target: a plain GET, so choosing a chapter needs no JavaScript. */
  workRoutes.get('/works/:id{[0-9]+}/navigate', (c) => {
    const workId = parseId(c.req.param('id'));
    if (!workId) return workNotFound(c);
    const chapterId = parseId(c.req.query('chapter'));
    return c.redirect(chapterId ? chapterPath(workId, chapterId) : `/works/${workId}`, 303);
  });

  workRoutes.post('/works/:id{[0-9]+}/adult-ok', async (c) => {
    const workId = parseId(c.req.param('id'));
    if (!workId) return workNotFound(c);
    const form = await c.req.parseBody();
    const returnTo = typeof form.return_to === 'string' ? form.return_to : undefined;
    rememberAdultOk(c);
    return c.redirect(localPath(returnTo, `/works/${workId}`), 303);
  });

  return workRoutes;
}
