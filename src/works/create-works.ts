/**
 * createWorks: many new works in one transaction — the bulk sibling of
 * createWork (save-work.ts) for `quire import` of many files. It writes the
 * same rows createWork does, but with multi-row inserts, the batch's tags
 * found or created together, each work's figures (posted chapters, words,
 * completion, dates) computed from the chapters in hand instead of read
 * back, and one filter-tag derivation and search re-index for the whole
 * batch. src/transfer/import-batch.test.ts compares its rows with createWork's.
 *
 * Works with related works or gifts go through createWork (inside the same
 * transaction they cannot: it opens its own), so callers keep those out of a
 * batch; imports have neither.
 */
import type { Db } from '../db/database.ts';
import { recordEvents } from '../outbox/outbox.ts';
import { rederiveWorkFilterTags } from '../indexing/filter-tags.ts';
import { cleanTagName, tagNameKey } from '../tags/names.ts';
import type { TagField, TagKind } from '../tags/tags.table.ts';
import {
  findFixedTagIds,
  findLanguageIds,
  findOrCreateTagsByKey,
  insertChapters,
  insertCreatorships,
  insertTaggings,
  insertWorks,
  type NewCreatorship,
  type NewTagging,
} from './bulk-queries.ts';
import { chapterTextColumns } from './chapter-queries.ts';
import { replaceSeries, today, workColumns } from './queries.ts';
import { UnknownLanguageError, type CreateWorkOptions } from './save-work.ts';
import type { ChapterInput, WorkInput } from './work-input.ts';
import type { NewChapter } from './chapters.table.ts';

export interface NewWorkItem {
  input: WorkInput;
  chapters: ChapterInput[];
}

const FREE_FIELDS: Array<[TagField, 'fandoms' | 'relationships' | 'characters' | 'freeforms']> = [
  ['fandom', 'fandoms'],
  ['relationship', 'relationships'],
  ['character', 'characters'],
  ['freeform', 'freeforms'],
];

/**
 * The free-text tags of the batch by name key, each with the name and kind
 * it is first given — work by work, field by field, the order createWork
 * one work after another would create them in.
 */
function freeTagsOf(
  items: readonly NewWorkItem[],
  keyOf: (name: string) => string,
): Map<string, { name: string; kind: TagKind }> {
  const tags = new Map<string, { name: string; kind: TagKind }>();
  for (const { input } of items) {
    for (const [kind, field] of FREE_FIELDS) {
      for (const name of input[field]) {
        const key = keyOf(name);
        if (!tags.has(key)) tags.set(key, { name: cleanTagName(name), kind });
      }
    }
  }
  return tags;
}

/** Creates the works in one transaction; returns their ids in the order given. */
export async function createWorks(
  db: Db,
  items: readonly NewWorkItem[],
  options: CreateWorkOptions,
): Promise<number[]> {
  if (items.some(({ input }) => input.related.length || input.gifts.length)) {
    throw new Error('createWorks does not write related works or gifts; save such a work with createWork.');
  }
  if (!items.length) return [];
  return db.transaction().execute(async (trx) => {
    const languages = await findLanguageIds(trx, [...new Set(items.map(({ input }) => input.languageCode))]);
    const unknown = items.find(({ input }) => !languages.has(input.languageCode));
    if (unknown) throw new UnknownLanguageError(unknown.input.languageCode);
    const warnings = await findFixedTagIds(trx, 'warning');
    const categories = await findFixedTagIds(trx, 'category');
    // Most works of a batch share their tags; a name's key (Unicode case folding) is worked out once.
    const keys = new Map<string, string>();
    const keyOf = (name: string) => keys.get(name) ?? keys.set(name, tagNameKey(name)).get(name)!;
    const freeTags = await findOrCreateTagsByKey(trx, freeTagsOf(items, keyOf));

    const now = new Date().toISOString();
    const day = today();
    const prepared = items.map(({ input, chapters }) => {
      // As createWork then refreshWorkStats leave them: every chapter posted with the work, on its date.
      const publishedOn = options.post ? (input.publishedOn ?? day) : input.publishedOn;
      const chapterColumns = chapters.map(chapterTextColumns);
      const posted = options.post ? chapters.length : 0;
      const isComplete = options.post && input.expectedChapters !== null && posted >= input.expectedChapters;
      const updatedOn = options.post && posted ? publishedOn : null;
      const work = {
        ...workColumns(input, languages.get(input.languageCode)!),
        status: options.post ? ('posted' as const) : ('draft' as const),
        published_on: publishedOn,
        imported_by_id: options.importedById ?? null,
        posted_chapters: posted,
        word_count: options.post ? chapterColumns.reduce((sum, c) => sum + c.word_count, 0) : 0,
        is_complete: isComplete ? 1 : 0,
        updated_on: updatedOn,
        completed_on: isComplete ? updatedOn : null,
        created_at: now,
        revised_at: now,
      };
      return { work, chapterColumns, chapterDate: options.post ? (input.publishedOn ?? day) : null };
    });
    const workIds = await insertWorks(
      trx,
      prepared.map((p) => p.work),
    );

    const creatorships: NewCreatorship[] = [];
    const taggings: NewTagging[] = [];
    const chapters: NewChapter[] = [];
    items.forEach(({ input }, index) => {
      const work_id = workIds[index];
      const creators = [
        ...input.creatorPseudIds.map((pseud_id) => ({ pseud_id, external_name: null, is_accepted: 1 })),
        ...input.coCreatorPseudIds
          .filter((id) => !input.creatorPseudIds.includes(id))
          .map((pseud_id) => ({ pseud_id, external_name: null, is_accepted: 0 })),
        ...input.externalCreators.map((name) => ({ pseud_id: null, external_name: name, is_accepted: 1 })),
      ];
      creators.forEach((row, position) => creatorships.push({ ...row, work_id, position }));

      // A tag typed twice into one field is one tagging (as replaceTaggings has it).
      const seen = new Set<string>();
      const add = (field: TagField, ids: Array<number | undefined>) =>
        ids
          .filter((id): id is number => id !== undefined)
          .forEach((tag_id, position) => {
            if (seen.has(`${field}:${tag_id}`)) return;
            seen.add(`${field}:${tag_id}`);
            taggings.push({ work_id, tag_id, field, position });
          });
      add(
        'warning',
        input.warnings.map((name) => warnings.get(name)),
      );
      add(
        'category',
        input.categories.map((name) => categories.get(name)),
      );
      for (const [field, names] of FREE_FIELDS)
        add(
          field,
          input[names].map((name) => freeTags.get(keyOf(name))),
        );

      prepared[index].chapterColumns.forEach((columns, n) =>
        chapters.push({
          work_id,
          position: n + 1,
          ...columns,
          is_posted: options.post ? 1 : 0,
          published_on: prepared[index].chapterDate,
          created_at: now,
          updated_at: now,
        }),
      );
    });
    await insertCreatorships(trx, creatorships);
    await insertTaggings(trx, taggings);
    await insertChapters(trx, chapters);
    // Few works name a series; each joins in turn, so works of the batch naming one new series share it.
    const createdSeries = new Map<string, number>();
    for (const [index, { input }] of items.entries()) {
      if (!input.series.length) continue;
      const series = input.series.map((entry) => {
        const key = entry.newTitle?.normalize('NFC').trim().toLocaleLowerCase('und');
        return key && createdSeries.has(key) ? { seriesId: createdSeries.get(key), position: entry.position } : entry;
      });
      const created = await replaceSeries(trx, workIds[index], { ...input, series }, options.ownerId);
      for (const [key, id] of created) createdSeries.set(key, id);
    }
    await rederiveWorkFilterTags(trx, workIds); // also indexes the works for search
    if (options.post)
      await recordEvents(
        trx,
        'work.posted',
        workIds.map((workId) => ({ workId })),
      );
    return workIds;
  });
}
