/**
 * The reading page: meta block, then title, creators, summary and notes,
 * the chapter(s), end notes, and the series and related-work lines. One
 * view serves the three ways to read — the work's first page, one chapter,
 * and the entire work — and shows creators their draft chapters and tools.
 */
import type { Child } from 'hono/jsx';
import { RELATIONS } from '../domain-facts.ts';
import type { Viewer } from '../web/context.ts';
import { ChapterNav, ChapterText, chapterHeading, type VisibleChapter } from './chapter-view.tsx';
import { CreatorLinks, GiftRecipients } from './creator-links.tsx';
import type { ChildWork, ParentWork, WorkForDisplay } from './display-queries.ts';
import { MetaBlock } from './meta-block.tsx';
import { hidesCreatorsFrom, readableChapters } from '../visibility/index.ts';
import { canDeleteWork, isCreator, type WorkAccess } from './policy.ts';

/** Which part of the work a page shows. */
export type ReadingMode = { kind: 'work' } | { kind: 'full' } | { kind: 'chapter'; chapterId: number };

/** The chapters this viewer may read, numbered as they read them. */
export function visibleChapters(work: WorkForDisplay, viewer: Viewer | null, access: WorkAccess): VisibleChapter[] {
  return readableChapters(work.chapters, viewer, access);
}

export function pageTitle(
  work: WorkForDisplay,
  shown: VisibleChapter[],
  all: VisibleChapter[],
  mode: ReadingMode,
): string {
  if (mode.kind === 'chapter' && all.length > 1 && shown[0]) return `${chapterHeading(shown[0], true)} - ${work.title}`;
  return work.title;
}

function CreatorTools({
  work,
  access,
  viewer,
  shown,
  multi,
}: {
  work: WorkForDisplay;
  access: WorkAccess;
  viewer: Viewer | null;
  shown: VisibleChapter[];
  multi: boolean;
}) {
  const creator = isCreator(viewer, access);
  if (!creator && !canDeleteWork(viewer, access)) return null;
  return (
    <nav class="work-tools" aria-label="Work tools">
      <ul class="actions">
        {creator ? (
          <>
            <li>
              <a href={`/works/${work.id}/edit`}>Edit</a>
            </li>
            <li>
              <a href={`/works/${work.id}/chapters/new`}>Add chapter</a>
            </li>
            {shown.length === 1 ? (
              <li>
                <a href={`/works/${work.id}/chapters/${shown[0].id}/edit`}>Edit chapter</a>
              </li>
            ) : null}
            {multi ? (
              <li>
                <a href={`/works/${work.id}/chapters/manage`}>Manage chapters</a>
              </li>
            ) : null}
          </>
        ) : null}
        <li>
          <a href={`/works/${work.id}/delete`}>Delete</a>
        </li>
      </ul>
    </nav>
  );
}

function Banners({ work, access, viewer }: { work: WorkForDisplay; access: WorkAccess; viewer: Viewer | null }) {
  return (
    <>
      {work.status === 'draft' && isCreator(viewer, access) ? (
        <div class="notice draft-banner">
          <p>
            <strong>This is a draft</strong>: only you can see it until you post it.{' '}
            <a href={`/works/${work.id}/edit`}>Edit the draft</a>
          </p>
          <form method="post" action={`/works/${work.id}/post`} class="inline">
            <button type="submit">Post</button>
          </form>
        </div>
      ) : null}
      {work.isHidden ? (
        <p class="notice hidden-banner">
          This work has been hidden by a moderator: only its creators and the moderators can see it.
        </p>
      ) : null}
    </>
  );
}

function externalHref(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

function ParentLine({ parent, viewer }: { parent: ParentWork; viewer: Viewer | null }) {
  const relation = RELATIONS[parent.relation];
  if (parent.workId) {
    if (!parent.isVisible) return <li>{relation} a work that is no longer available.</li>;
    // A guest may not read a restricted parent, so may not learn its title or creators either.
    if (parent.isRestricted && !viewer) {
      return (
        <li>
          {relation} <a href={`/works/${parent.workId}`}>a work restricted to logged-in readers</a>
        </li>
      );
    }
    return (
      <li>
        {relation} <a href={`/works/${parent.workId}`}>{parent.title}</a> by <CreatorLinks creators={parent.creators} />
      </li>
    );
  }
  const href = externalHref(parent.url);
  const title = parent.title || parent.url || 'a work elsewhere';
  return (
    <li>
      {relation}{' '}
      {href ? (
        <a href={href} rel="nofollow noopener">
          {title}
        </a>
      ) : (
        title
      )}
      {parent.creatorName ? ` by ${parent.creatorName}` : ''}
    </li>
  );
}

function childNote(child: ChildWork): string {
  return child.relation === 'inspired_by'
    ? ''
    : ` (${RELATIONS[child.relation].replace(/ of$| to$/, '').toLowerCase()})`;
}

function Afterword({ work, viewer }: { work: WorkForDisplay; viewer: Viewer | null }) {
  // The works inspired by this one were loaded for this reader's audience (loadWorkForDisplay).
  const children = work.children;
  return (
    <section class="afterword" aria-label="After the work">
      {work.endNotes ? (
        <section class="end-notes">
          <h2>End Notes:</h2>
          <div class="userstuff" lang={work.language.code} dangerouslySetInnerHTML={{ __html: work.endNotes }} />
        </section>
      ) : null}
      {work.series.length ? (
        <nav class="series-nav" aria-label="Series">
          {work.series.map((place) => (
            <p class="series-line">
              {place.previous ? (
                <a rel="prev" href={`/works/${place.previous.id}`}>
                  ← Previous work
                </a>
              ) : null}{' '}
              Part {place.position} of{' '}
              <a class="series-title" href={`/series/${place.seriesId}`}>
                {place.title}
              </a>{' '}
              {place.next ? (
                <a rel="next" href={`/works/${place.next.id}`}>
                  Next work →
                </a>
              ) : null}
            </p>
          ))}
        </nav>
      ) : null}
      {work.parents.length ? (
        <section class="related">
          <h2>Related works</h2>
          <ul>
            {work.parents.map((parent) => (
              <ParentLine parent={parent} viewer={viewer} />
            ))}
          </ul>
        </section>
      ) : null}
      {children.length ? (
        <section class="children">
          <h2>Works inspired by this one</h2>
          <ul>
            {children.map((child) => (
              <li>
                <a href={`/works/${child.workId}`}>{child.title}</a> by{' '}
                <CreatorLinks creators={child.creators} anonymous={child.isAnonymous} />
                {childNote(child)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

export interface WorkPageProps {
  work: WorkForDisplay;
  access: WorkAccess;
  viewer: Viewer | null;
  mode: ReadingMode;
  chapters: VisibleChapter[];
  shown: VisibleChapter[];
  /** Above the work's details (the download menu): reading extras. */
  tools?: Child;
  /** The reader's own controls under the work's details (bookmark, subscribe…): reading extras. */
  actions?: Child;
  /** What follows the text on every reading page: kudos, comments — reading extras, loaded by the route. */
  feedback?: Child;
}

export function WorkPage({ work, access, viewer, mode, chapters, shown, tools, actions, feedback }: WorkPageProps) {
  const multi = chapters.length > 1;
  const showsFirst = !!shown[0] && shown[0].id === chapters[0]?.id;
  const showsLast = !!shown.at(-1) && shown.at(-1)?.id === chapters.at(-1)?.id;
  const anonymous = hidesCreatorsFrom(viewer, access);
  return (
    <article class="work">
      <Banners work={work} access={access} viewer={viewer} />
      <CreatorTools work={work} access={access} viewer={viewer} shown={shown} multi={multi} />
      {tools}
      <MetaBlock work={work} viewer={viewer} />
      {actions ? <div class="reader-actions">{actions}</div> : null}
      <header class="preface">
        <h1 class="title">{work.title}</h1>
        <p class="byline">
          by <CreatorLinks creators={work.creators} anonymous={anonymous} withIcons />
          {work.gifts.length ? (
            <>
              <br />
              for <GiftRecipients gifts={work.gifts} />
            </>
          ) : null}
        </p>
        {work.isRestricted ? <p class="flag">Restricted to logged-in users</p> : null}
        {showsFirst && work.summary ? (
          <section class="summary">
            <h2>Summary:</h2>
            <blockquote
              class="userstuff"
              lang={work.language.code}
              dangerouslySetInnerHTML={{ __html: work.summary }}
            />
          </section>
        ) : null}
        {showsFirst && work.notes ? (
          <section class="notes">
            <h2>Notes:</h2>
            <div class="userstuff" lang={work.language.code} dangerouslySetInnerHTML={{ __html: work.notes }} />
          </section>
        ) : null}
      </header>
      {multi ? <ChapterNav workId={work.id} chapters={chapters} shown={shown} mode={mode.kind} place="top" /> : null}
      {shown.map((chapter) => (
        <ChapterText chapter={chapter} multi={multi} language={work.language.code} />
      ))}
      {!shown.length ? <p class="notice">This work has no chapters to read yet.</p> : null}
      {multi ? <ChapterNav workId={work.id} chapters={chapters} shown={shown} mode={mode.kind} place="bottom" /> : null}
      {showsLast || !shown.length ? <Afterword work={work} viewer={viewer} /> : null}
      {feedback}
    </article>
  );
}
