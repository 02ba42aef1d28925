/**
 * The post/edit form's checks that need the database — the language exists,
 * the pseuds are the poster's own, co-creators and gift recipients name real
 * pseuds, the series may take the work, a related link to this archive points
 * at a real work — and the WorkInput built from a form that passed them all.
 */
import type { Db } from '../db/database.ts';
import type { Pseud } from '../accounts/accounts.table.ts';
import type { Relation } from './works.table.ts';
import { sanitizeNote } from '../html/body.ts';
import { chapterInputOf } from './chapter-input.ts';
import { LIMITS, type Rating } from '../domain-facts.ts';
import { splitTagList } from '../tags/names.ts';
import type { FieldErrors } from '../web/forms.tsx';
import { checkWorkForm, expectedChaptersOf, type WorkFormValues } from './form-schema.ts';
import {
  countChapters,
  findPseudsNamed,
  listSeriesChoices,
  type PseudMatch,
  type WorkForForm,
} from './form-queries.ts';
import { isBlockedByAny } from '../blocking/queries.ts';
import { parsePseudList, resolvePseud } from './pseud-names.ts';
import { findWorkAccess, isListedWithStates, MEMBER_AUDIENCE } from '../visibility/index.ts';
import { listLanguages } from './queries.ts';
import type { ChapterInput, GiftInput, SeriesInput, WorkInput } from './work-input.ts';

export interface WorkFormContext {
  viewerId: number;
  ownPseuds: Pseud[];
  /** Origins under which this archive's own /works/N links are recognised. */
  archiveOrigins: string[];
  withChapter: boolean;
  /** The saved work when editing: its imported creators, other series and source reference are kept. */
  existing?: WorkForForm;
}

export interface ResolvedWorkForm {
  input: WorkInput;
  chapter: ChapterInput | null;
  /** Creator names as the preview shows them (invited co-creators marked). */
  creatorNames: string[];
  languageName: string;
}

export type WorkFormResult =
  { errors: FieldErrors; resolved?: undefined } | { errors?: undefined; resolved: ResolvedWorkForm };

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

export async function resolveWorkForm(db: Db, values: WorkFormValues, ctx: WorkFormContext): Promise<WorkFormResult> {
  const errors = checkWorkForm(values, { withChapter: ctx.withChapter });
  const workId = ctx.existing?.work.id;

  const languages = await listLanguages(db);
  const language = languages.find((l) => l.code === values.language);
  if (!language) errors.language ??= 'Choose the language the work is written in from the list.';

  const ownIds = new Set(ctx.ownPseuds.map((p) => p.id));
  const creatorPseudIds = [...new Set(values.pseuds.map(Number))];
  if (creatorPseudIds.some((id) => !ownIds.has(id))) errors.pseuds ??= 'Choose creators among your own pseuds.';

  // Co-creators and gift recipients are looked up in one query.
  const coCreatorRefs = parsePseudList(values.co_creators);
  const giftRefs = parsePseudList(values.gift_to);
  // Counted before any lookup: 10,000 gift names once made a query too large to run (a 500).
  const tooMany = countProblems(coCreatorRefs.length, giftRefs.length);
  for (const [field, message] of Object.entries(tooMany)) errors[field] ??= message;
  const candidates = await findPseudsNamed(
    db,
    tooMany.co_creators || tooMany.gift_to ? [] : [...coCreatorRefs, ...giftRefs].map((r) => r.name),
  );

  const coCreatorPseudIds: number[] = [];
  const creatorNames = ctx.ownPseuds.filter((p) => creatorPseudIds.includes(p.id)).map((p) => p.name);
  const unknown: string[] = [];
  const ambiguous: string[] = [];
  for (const reference of tooMany.co_creators ? [] : coCreatorRefs) {
    const found = resolvePseud(reference, candidates);
    if (found.kind === 'unknown') unknown.push(reference.typed);
    else if (found.kind === 'ambiguous') ambiguous.push(reference.name);
    else if (found.pseud.userId === ctx.viewerId) {
      if (!creatorPseudIds.includes(found.pseud.id)) creatorPseudIds.push(found.pseud.id);
      creatorNames.push(found.pseud.name);
    } else if (!coCreatorPseudIds.includes(found.pseud.id)) {
      coCreatorPseudIds.push(found.pseud.id);
      creatorNames.push(`${found.pseud.name} (invited)`);
    }
  }
  // The poster is always a creator, so someone accepted can edit the work; an imported work's
  // named creators stand in for its importer.
  const hasImportedCreators = ctx.existing?.creators.some((c) => c.external_name) ?? false;
  if (!creatorPseudIds.length && !hasImportedCreators)
    errors.pseuds ??= 'Choose at least one of your pseuds as a creator.';
  if (unknown.length) {
    errors.co_creators ??= `No pseud here is called ${quoted(unknown)}. Co-creators need an account on this archive.`;
  } else if (ambiguous.length) {
    errors.co_creators ??= `Several people use the pseud ${quoted(ambiguous)}: write it as "Pseud (username)".`;
  }

  const gifts: GiftInput[] = [];
  // A recipient who blocked the poster refuses new gifts; one given before the block stays (they may refuse it).
  const wasGiven = (pseud: PseudMatch) =>
    !!ctx.existing?.gifts.some(
      (g) => g.pseud_name?.toLowerCase() === pseud.name.toLowerCase() && g.username === pseud.username,
    );
  for (const reference of tooMany.gift_to ? [] : giftRefs) {
    const found = resolvePseud(reference, candidates);
    if (found.kind === 'ambiguous') {
      errors.gift_to ??= `Several people use the pseud "${reference.name}": write it as "Pseud (username)".`;
    } else if (found.kind === 'found') {
      if (!wasGiven(found.pseud) && (await isBlockedByAny(db, [found.pseud.userId], ctx.viewerId))) {
        errors.gift_to ??= `${found.pseud.name} does not accept gifts from you.`;
      }
      gifts.push({ recipientPseudId: found.pseud.id, recipientName: found.pseud.name });
    } else if (reference.typed.length > LIMITS.personNameMax) {
      errors.gift_to ??= `A gift recipient’s name must be at most ${LIMITS.personNameMax} characters.`;
    } else {
      gifts.push({ recipientName: reference.typed });
    }
  }

  const series: SeriesInput[] = [];
  const position = values.series_position.trim() ? Number(values.series_position) : undefined;
  if (values.series_id) {
    const choices = await listSeriesChoices(db, ctx.viewerId, workId);
    const chosen = choices.find((s) => String(s.id) === values.series_id);
    if (chosen) series.push({ seriesId: chosen.id, position });
    else errors.series_id ??= 'Choose one of your own series.';
  } else if (values.series_title.trim()) {
    series.push({ newTitle: values.series_title.trim(), position });
  }
  // The form edits one series; any other series the work is in stay as they are.
  const chosenSeriesId = series[0]?.seriesId;
  for (const kept of ctx.existing?.series.slice(1) ?? []) {
    if (kept.series_id !== chosenSeriesId) series.push({ seriesId: kept.series_id, position: kept.position });
  }

  const related: WorkInput['related'] = [];
  // A work may relate to any work here its readers could find: posted, not hidden or deleted.
  const isRelatableWork = async (id: number) => {
    const access = await findWorkAccess(db, id);
    return !!access && isListedWithStates(MEMBER_AUDIENCE, access.states);
  };
  const url = values.related_url.trim();
  if (url && !errors.related_url) {
    const relation = values.related_relation as Relation;
    const parentWorkId = workIdOnThisArchive(url, ctx.archiveOrigins);
    if (parentWorkId === undefined) {
      related.push({ relation, url });
    } else if (parentWorkId === workId || !(await isRelatableWork(parentWorkId))) {
      errors.related_url ??= `There is no posted work at ${url} on this archive to relate this work to.`;
    } else {
      related.push({ relation, parentWorkId });
    }
  }

  const expected = expectedChaptersOf(values.expected_chapters);
  if (workId && expected !== null && !errors.expected_chapters) {
    const chapters = await countChapters(db, workId);
    if (expected < chapters) {
      errors.expected_chapters = `This work already has ${chapters} chapters; expect at least that many (or "?").`;
    }
  }

  let chapter: ChapterInput | null = null;
  if (ctx.withChapter && !errors.body) {
    // The work's summary and notes belong to the work, not to its first chapter: pass only title and body.
    const prepared = chapterInputOf({ chapter_title: values.chapter_title, body: values.body });
    if ('bodyError' in prepared) errors.body = prepared.bodyError;
    else chapter = prepared.chapter;
  }

  if (Object.keys(errors).length || !language) return { errors };
  const existing = ctx.existing;
  const input: WorkInput = {
    title: values.title.trim(),
    summary: sanitizeNote(values.summary),
    notes: sanitizeNote(values.notes),
    endNotes: sanitizeNote(values.end_notes),
    rating: values.rating as Rating,
    warnings: [...new Set(values.warnings)],
    categories: [...new Set(values.categories)],
    fandoms: splitTagList(values.fandoms),
    relationships: splitTagList(values.relationships),
    characters: splitTagList(values.characters),
    freeforms: splitTagList(values.freeforms),
    languageCode: language.code,
    expectedChapters: expected,
    isRestricted: values.restricted,
    commentPermission: values.comment_permission as WorkInput['commentPermission'],
    moderatedComments: values.moderated_comments,
    publishedOn: values.published_on.trim() || null,
    creatorPseudIds,
    coCreatorPseudIds,
    externalCreators: existing?.creators.filter((c) => c.external_name).map((c) => c.external_name!) ?? [],
    series,
    related,
    gifts,
    sourceRef: existing?.work.source_ref ?? null,
  };
  return { resolved: { input, chapter, creatorNames, languageName: language.name } };
}

/** The co-creator and gift recipient counts past their limits, as field errors. */
function countProblems(coCreators: number, giftRecipients: number): FieldErrors {
  const errors: FieldErrors = {};
  if (coCreators > LIMITS.creatorsMax) {
    errors.co_creators = `A work can have at most ${LIMITS.creatorsMax} co-creators; ${coCreators} are named.`;
  }
  if (giftRecipients > LIMITS.giftRecipientsMax) {
    errors.gift_to = `A work can be a gift to at most ${LIMITS.giftRecipientsMax} people; ${giftRecipients} are named.`;
  }
  return errors;
}

/** N when `url` is this archive's /works/N (or one of its chapters), else undefined. */
export function workIdOnThisArchive(url: string, archiveOrigins: readonly string[]): number | undefined {
  const parsed = new URL(url);
  if (!archiveOrigins.includes(parsed.origin)) return undefined;
  const match = parsed.pathname.match(/^\/works\/(\d+)(\/|$)/);
  return match ? Number(match[1]) : undefined;
}
