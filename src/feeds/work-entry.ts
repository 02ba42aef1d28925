/**
 * A work as a feed entry, shared by the Atom feeds and the OPDS catalog:
 * its permanent id and link, its creators as authors (none for an
 * anonymous work), its tags as categories, and an HTML summary with the
 * facts a blurb shows (creators, fandoms, rating, warnings, words,
 * chapters), every link absolute since feeds are read away from the site.
 */
import { escapeHtml } from '../html/body.ts';
import { tagPath } from '../tags/names.ts';
import { creatorLabel, creatorPath } from '../works/creator-links.tsx';
import type { WorkBlurb } from '../works/listing-queries.ts';
import { atomTime, type AtomCategory, type AtomEntry, type AtomPerson } from './atom.ts';

/** `path` on this archive as an absolute URL. */
export function absolute(baseUrl: string, path: string): string {
  return new URL(path, baseUrl).toString();
}

export function workAuthors(work: WorkBlurb, baseUrl: string): AtomPerson[] {
  if (work.isAnonymous) return [{ name: 'Anonymous' }];
  return work.creators.map((creator) => {
    const path = creatorPath(creator);
    return { name: creatorLabel(creator), uri: path ? absolute(baseUrl, path) : undefined };
  });
}

const CATEGORY_FIELDS = ['fandom', 'relationship', 'character', 'freeform'] as const;

export function workCategories(work: WorkBlurb, baseUrl: string): AtomCategory[] {
  const tags = [
    { name: work.rating },
    ...work.tags.warning,
    ...work.tags.category,
    ...CATEGORY_FIELDS.flatMap((f) => work.tags[f]),
  ];
  return tags.map((tag) => ({ term: tag.name, label: tag.name, scheme: absolute(baseUrl, '/tags') }));
}

function tagLinks(names: readonly string[], baseUrl: string): string {
  return names
    .map((name) => `<a href="${escapeHtml(absolute(baseUrl, tagPath(name)))}">${escapeHtml(name)}</a>`)
    .join(', ');
}

/** The blurb's facts as HTML: what a feed reader shows under the title. */
export function workSummaryHtml(work: WorkBlurb, baseUrl: string): string {
  const authors = workAuthors(work, baseUrl)
    .map((a) => (a.uri ? `<a href="${escapeHtml(a.uri)}">${escapeHtml(a.name)}</a>` : escapeHtml(a.name)))
    .join(', ');
  const chapters = `${work.postedChapters}/${work.expectedChapters ?? '?'}`;
  const rows: Array<[string, string]> = [
    [
      'Fandoms',
      tagLinks(
        work.tags.fandom.map((t) => t.name),
        baseUrl,
      ),
    ],
    ['Rating', escapeHtml(work.rating)],
    ['Warnings', escapeHtml(work.tags.warning.map((t) => t.name).join(', '))],
    ['Categories', escapeHtml(work.tags.category.map((t) => t.name).join(', '))],
    [
      'Relationships',
      tagLinks(
        work.tags.relationship.map((t) => t.name),
        baseUrl,
      ),
    ],
    [
      'Characters',
      tagLinks(
        work.tags.character.map((t) => t.name),
        baseUrl,
      ),
    ],
    [
      'Additional Tags',
      tagLinks(
        work.tags.freeform.map((t) => t.name),
        baseUrl,
      ),
    ],
  ];
  return [
    `<p>by ${authors || 'Anonymous'}</p>`,
    // Stored summaries are already sanitized HTML.
    work.summary,
    `<p>Words: ${work.wordCount.toLocaleString('en')}, Chapters: ${chapters}, Language: ${escapeHtml(work.language.name)}</p>`,
    '<ul>',
    ...rows.filter(([, value]) => value).map(([label, value]) => `<li>${label}: ${value}</li>`),
    '</ul>',
  ].join('');
}

/**
 * The time a feed entry carries: the day the work was last updated with the time of day it changed, so
 * readers' apps see real times rather than midnight. A work backdated to an earlier day (an import) keeps
 * that day, at midnight, since the time it changed here says nothing of it.
 */
export function entryTime(day: string | null, changedAt: string): string {
  if (!day || changedAt.startsWith(day)) return atomTime(changedAt);
  return atomTime(day);
}

/** The parts of an entry every work feed shares; callers add links and content. */
export function workEntryBase(work: WorkBlurb, baseUrl: string): Omit<AtomEntry, 'links'> {
  return {
    id: absolute(baseUrl, `/works/${work.id}`),
    title: work.title,
    updated: entryTime(work.updatedOn ?? work.publishedOn, work.revisedAt),
    published: work.publishedOn ? atomTime(work.publishedOn) : undefined,
    authors: workAuthors(work, baseUrl),
    categories: workCategories(work, baseUrl),
  };
}
