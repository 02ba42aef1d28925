/**
 * Rows and display objects turned into what the API sends (the types of
 * schemas.ts): absolute links, tags by name, creators hidden on anonymous
 * works from everyone but the creators, download links for posted works.
 */
import type { z } from '@hono/zod-openapi';
import type { Pseud, User } from '../accounts/accounts.table.ts';
import type { Tag } from '../tags/tags.table.ts';
import { downloadPath } from '../downloads/file-names.ts';
import { availableFormats, MIME_TYPES } from '../downloads/formats.ts';
import { tagPath, tagSlug, tagWorksPath } from '../tags/names.ts';
import type { Viewer } from '../web/context.ts';
import { chapterPath, type VisibleChapter } from '../works/chapter-view.tsx';
import { pseudWorksPath, userPath } from '../works/creator-links.tsx';
import type { ChapterForDisplay, WorkForDisplay } from '../works/display-queries.ts';
import type { WorkBlurb } from '../works/listing-queries.ts';
import type { ChapterSchema, PseudSchema, TagRefSchema, UserSchema, WorkSchema, WorkSummarySchema } from './schemas.ts';
import { hasDownloads } from '../visibility/index.ts';
import { iconUrl } from '../users/pseud-icons.ts';

export const API_BASE = '/api/v1';

const at = (baseUrl: string, path: string) => new URL(path, baseUrl).toString();

function links(baseUrl: string, apiPath: string, htmlPath: string) {
  return { self: at(baseUrl, `${API_BASE}${apiPath}`), html: at(baseUrl, htmlPath) };
}

const names = (tags: ReadonlyArray<{ name: string }>) => tags.map((t) => t.name);

/** The parts every view of a work shares: a listing's blurb and a full work alike. */
type WorkBasics = Pick<
  WorkBlurb,
  | 'id'
  | 'title'
  | 'status'
  | 'summary'
  | 'rating'
  | 'tags'
  | 'language'
  | 'creators'
  | 'isAnonymous'
  | 'isRestricted'
  | 'isComplete'
  | 'wordCount'
  | 'postedChapters'
  | 'expectedChapters'
  | 'publishedOn'
  | 'updatedOn'
  | 'stats'
  | 'collections'
>;

export function presentWorkSummary(
  work: WorkBasics,
  viewer: Viewer | null,
  baseUrl: string,
): z.infer<typeof WorkSummarySchema> {
  const isOwnWork = !!viewer && work.creators.some((c) => c.username === viewer.username);
  return {
    id: work.id,
    title: work.title,
    status: work.status,
    summary: work.summary,
    rating: work.rating,
    warnings: names(work.tags.warning),
    categories: names(work.tags.category),
    fandoms: names(work.tags.fandom),
    relationships: names(work.tags.relationship),
    characters: names(work.tags.character),
    freeforms: names(work.tags.freeform),
    language: work.language,
    creators:
      work.isAnonymous && !isOwnWork
        ? []
        : work.creators.map((c) => ({ name: c.name, username: c.username, pseud_id: c.pseudId })),
    is_anonymous: work.isAnonymous,
    collections: work.collections.map((c) => ({
      name: c.name,
      title: c.title,
      url: at(baseUrl, `/collections/${encodeURIComponent(c.name)}`),
    })),
    is_restricted: work.isRestricted,
    is_complete: work.isComplete,
    words: work.wordCount,
    chapters: { posted: work.postedChapters, expected: work.expectedChapters },
    published_on: work.publishedOn,
    updated_on: work.updatedOn,
    stats: {
      hits: work.stats.hits,
      kudos: work.stats.kudos,
      comments: work.stats.comments,
      bookmarks: work.stats.bookmarks,
    },
    links: links(baseUrl, `/works/${work.id}`, `/works/${work.id}`),
  };
}

export function presentChapterSummary(workId: number, chapter: VisibleChapter | ChapterForDisplay, baseUrl: string) {
  return {
    id: chapter.id,
    position: chapter.position,
    title: chapter.title,
    words: chapter.wordCount,
    is_posted: chapter.isPosted,
    published_on: chapter.publishedOn,
    links: links(baseUrl, `/works/${workId}/chapters/${chapter.id}`, chapterPath(workId, chapter.id)),
  };
}

export function presentWork(
  work: WorkForDisplay,
  chapters: VisibleChapter[],
  viewer: Viewer | null,
  baseUrl: string,
  /** The archive's setting: with downloads off, no work offers any. */
  site: { downloads: boolean },
): z.infer<typeof WorkSchema> {
  return {
    ...presentWorkSummary(work, viewer, baseUrl),
    notes: work.notes,
    end_notes: work.endNotes,
    completed_on: work.completedOn,
    stats: work.stats,
    series: work.series.map((s) => ({ id: s.seriesId, title: s.title, position: s.position })),
    gifts: work.gifts.map((g) => ({ recipient: g.recipientName })),
    chapters_list: chapters.map((ch) => presentChapterSummary(work.id, ch, baseUrl)),
    downloads:
      site.downloads && hasDownloads(work)
        ? availableFormats().map((format) => ({
            format,
            type: MIME_TYPES[format].split(';')[0],
            url: at(baseUrl, downloadPath(work.id, work.title, format)),
          }))
        : [],
  };
}

export function presentChapter(
  workId: number,
  chapter: ChapterForDisplay,
  baseUrl: string,
): z.infer<typeof ChapterSchema> {
  return {
    id: chapter.id,
    work_id: workId,
    position: chapter.position,
    title: chapter.title,
    summary: chapter.summary,
    notes: chapter.notes,
    end_notes: chapter.endNotes,
    body: chapter.body,
    words: chapter.wordCount,
    is_posted: chapter.isPosted,
    published_on: chapter.publishedOn,
    links: links(baseUrl, `/works/${workId}/chapters/${chapter.id}`, chapterPath(workId, chapter.id)),
  };
}

export function presentTagRef(tag: Pick<Tag, 'id' | 'name' | 'kind'>, baseUrl: string): z.infer<typeof TagRefSchema> {
  return {
    id: tag.id,
    name: tag.name,
    kind: tag.kind,
    links: links(baseUrl, `/tags/${tagSlug(tag.name)}`, tagPath(tag.name)),
  };
}

export function tagLinks(tag: Pick<Tag, 'name'>, baseUrl: string) {
  return {
    ...links(baseUrl, `/tags/${tagSlug(tag.name)}`, tagPath(tag.name)),
    works: at(baseUrl, `${API_BASE}${tagWorksPath(tag.name)}`),
  };
}

export function presentPseud(user: Pick<User, 'username'>, pseud: Pseud, baseUrl: string): z.infer<typeof PseudSchema> {
  const htmlPath = pseudWorksPath(user.username, pseud.name);
  return {
    id: pseud.id,
    name: pseud.name,
    description: pseud.description,
    is_default: pseud.is_default === 1,
    icon: pseud.icon_file ? { url: at(baseUrl, iconUrl(pseud.icon_file)), alt: pseud.icon_alt ?? '' } : null,
    links: { works: at(baseUrl, `${API_BASE}${htmlPath}`), html: at(baseUrl, htmlPath) },
  };
}

export function presentUser(user: User, pseuds: Pseud[], baseUrl: string): z.infer<typeof UserSchema> {
  return {
    username: user.username,
    joined_on: user.created_at.slice(0, 10),
    pseuds: pseuds.map((p) => presentPseud(user, p, baseUrl)),
    links: {
      ...links(baseUrl, userPath(user.username), userPath(user.username)),
      works: at(baseUrl, `${API_BASE}${userPath(user.username)}/works`),
    },
  };
}
