/**
 * The rows one generated work becomes — the same columns the posting
 * commands write — and the source of its search-index row, all built in
 * memory from the generator's step so the loader never reads back what it
 * has just written.
 */
import type { TagField } from '../../src/tags/tags.table.ts';
import type { WorkIndexSource } from '../../src/indexing/indexer.ts';
import type { CorpusWork } from './generate.ts';

/** A hash no password matches: corpus accounts exist to own works, not to log in. */
const NO_PASSWORD = '$argon2id$v=19$m=19456,t=2,p=1$bm9sb2dpbg$bm9sb2dpbmJ5cGFzc3dvcmRoYXNo';

export interface TagLookup {
  idOf(name: string): number;
  nameOf(id: number): string;
}

export function userRow(id: number, n: number, now: string) {
  return {
    id,
    username: `writer${n}`,
    email: `writer${n}@bench.invalid`,
    password_hash: NO_PASSWORD,
    created_at: now,
  };
}

export function pseudRow(id: number, userId: number, n: number, now: string) {
  return { id, user_id: userId, name: `writer${n}`, is_default: 1, created_at: now };
}

export function workRow(w: CorpusWork, id: number, languageId: number, now: string) {
  const posted = !w.isDraft;
  const isComplete = posted && w.expectedChapters !== null && w.postedChapters >= w.expectedChapters;
  return {
    id,
    title: w.title,
    summary: w.summary,
    rating: w.rating,
    language_id: languageId,
    status: posted ? ('posted' as const) : ('draft' as const),
    expected_chapters: w.expectedChapters,
    posted_chapters: posted ? w.postedChapters : 0,
    word_count: posted ? w.wordCount : 0,
    is_complete: isComplete ? 1 : 0,
    is_restricted: w.isRestricted ? 1 : 0,
    is_hidden: w.isHidden ? 1 : 0,
    is_anonymous: w.isAnonymous ? 1 : 0,
    published_on: posted ? w.publishedOn : null,
    updated_on: posted ? w.updatedOn : null,
    completed_on: isComplete ? w.updatedOn : null,
    hits: w.hits,
    kudos_count: w.kudos,
    comments_count: w.comments,
    bookmarks_count: w.bookmarks,
    created_at: now,
    revised_at: now,
  };
}

export function chapterRows(w: CorpusWork, workId: number, nextId: () => number, now: string) {
  const count = w.isDraft ? 1 : w.postedChapters;
  const words = w.body.replace(/<\/?p>/g, '').split(' ');
  const per = Math.max(1, Math.ceil(words.length / count));
  return Array.from({ length: count }, (_, i) => ({
    id: nextId(),
    work_id: workId,
    position: i + 1,
    body: `<p>${words.slice(i * per, (i + 1) * per).join(' ') || 'Fin'}</p>`,
    word_count: Math.round(w.wordCount / count),
    is_posted: w.isDraft ? 0 : 1,
    published_on: w.isDraft ? null : i === 0 ? w.publishedOn : w.updatedOn,
    created_at: now,
    updated_at: now,
  }));
}

/** The work's taggings in the order the index queries read them: by field name, then position. */
export function taggingRows(w: CorpusWork, workId: number, tags: TagLookup) {
  const fields: Array<[TagField, string[]]> = [
    ['category', w.categories],
    ['character', w.characters],
    ['fandom', w.fandoms],
    ['freeform', w.freeforms],
    ['relationship', w.relationships],
    ['warning', w.warnings],
  ];
  return fields.flatMap(([field, names]) =>
    names.map((name, position) => ({ work_id: workId, tag_id: tags.idOf(name), field, position })),
  );
}

/** What the indexer would read back for this work, built from the rows about to be written. */
export function indexSourceOf(
  work: ReturnType<typeof workRow>,
  creator: string,
  taggings: ReturnType<typeof taggingRows>,
  filterTagIds: Iterable<number>,
  chapters: ReturnType<typeof chapterRows>,
  tags: TagLookup,
): WorkIndexSource {
  return {
    work: { ...work, notes: '', end_notes: '', is_unrevealed: 0 },
    creators: [{ pseud_name: creator, username: creator, external_name: null }],
    taggings: taggings.map((t) => ({ field: t.field, tag_id: t.tag_id, name: tags.nameOf(t.tag_id) })),
    filterTagNames: [...filterTagIds].sort((a, b) => a - b).map((id) => tags.nameOf(id)),
    chapters: chapters
      .filter((c) => c.is_posted === 1)
      .map((c) => ({ title: '', summary: '', notes: '', end_notes: '', body: c.body })),
  };
}
