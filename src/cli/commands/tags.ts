/**
 * `quire tags …`: every wrangling action from the terminal, so admins can
 * wrangle in bulk from scripts, plus `show` and `verify`. Each action is the
 * same command the wrangling pages run (one transaction, logged as "command
 * line", filters re-derived) and prints what changed.
 */
import type { Db } from '../../db/database.ts';
import type { Tag } from '../../tags/tags.table.ts';
import { hasPendingJob } from '../../jobs/queries.ts';
import { filterJobSubject } from '../../indexing/filter-tags.ts';
import { parseTagKind, TAG_KIND_LABELS } from '../../tags/kinds.ts';
import { loadTagPlace } from '../../tags/tag-place.ts';
import { verifyFilterTags } from '../../indexing/verify-filter-tags.ts';
import { COMMAND_LINE, requireTagNamed, WranglingError, type WranglingOutcome } from '../../wrangling/command.ts';
import { addMetaTag, attachParent, detachParent, removeMetaTag } from '../../wrangling/link-commands.ts';
import {
  changeKind,
  createCanonicalTag,
  makeCanonical,
  markUnwrangleable,
  renameTag,
} from '../../wrangling/status-commands.ts';
import { makeSynonym } from '../../wrangling/synonym-command.ts';
import { openConfiguredDatabase, parseCommandArgs, UsageError, type Command } from '../command.ts';
import { MEMBER_AUDIENCE } from '../../visibility/index.ts';

const HELP = `Usage:
  quire tags canonical TAG               make TAG canonical
  quire tags synonym TAG CANONICAL       make TAG a synonym of CANONICAL (its links move there)
  quire tags meta SUB META [--remove]    put META above SUB (or take it away)
  quire tags parent CHILD PARENT [--remove]
                                         attach CHILD to a fandom (a fandom to a medium;
                                         a relationship to a character), or detach it
  quire tags kind TAG KIND               change the kind: fandom, character, relationship,
                                         freeform (Additional Tag), media, unsorted
  quire tags unwrangleable TAG [--undo]  mark TAG unwrangleable (or put it back in the bins)
  quire tags rename TAG NEWNAME          rename a canonical tag (the old spelling stays as a synonym)
  quire tags create NAME --kind KIND     create a canonical tag (e.g. a medium)
  quire tags show TAG                    print a tag's standing and links
  quire tags verify [--fix]              recompute every work's filter tags and report drift

Tag names are matched without regard to case; quote names with spaces.
Each action is logged as done by "command line". When an action touches
more works than the job threshold (QUIRE_FILTER_JOB_THRESHOLD, default
500), their filters are updated by \`quire serve\`'s background jobs.
Exit status: 0 done (or nothing to do), 1 refused or drift found (verify
--fix re-derives the drifted works and exits 0), 2 wrong usage.`;

const ACTIONS: Record<string, { args: number; run(db: Db, names: string[], flags: Flags): Promise<WranglingOutcome> }> =
  {
    canonical: {
      args: 1,
      run: async (db, [tag]) => makeCanonical(db, COMMAND_LINE, (await requireTagNamed(db, tag)).id),
    },
    synonym: {
      args: 2,
      run: async (db, [tag, canonical]) =>
        makeSynonym(db, COMMAND_LINE, (await requireTagNamed(db, tag)).id, (await requireTagNamed(db, canonical)).id),
    },
    meta: {
      args: 2,
      run: async (db, [sub, meta], flags) =>
        (flags.remove ? removeMetaTag : addMetaTag)(
          db,
          COMMAND_LINE,
          (await requireTagNamed(db, sub)).id,
          (await requireTagNamed(db, meta)).id,
        ),
    },
    parent: {
      args: 2,
      run: async (db, [child, parent], flags) =>
        (flags.remove ? detachParent : attachParent)(
          db,
          COMMAND_LINE,
          (await requireTagNamed(db, child)).id,
          (await requireTagNamed(db, parent)).id,
        ),
    },
    kind: {
      args: 2,
      run: async (db, [tag, kindName]) => {
        const kind = parseTagKind(kindName);
        if (!kind) throw new UsageError(`unknown kind "${kindName}"`);
        return changeKind(db, COMMAND_LINE, (await requireTagNamed(db, tag)).id, kind);
      },
    },
    unwrangleable: {
      args: 1,
      run: async (db, [tag], flags) =>
        markUnwrangleable(db, COMMAND_LINE, (await requireTagNamed(db, tag)).id, !flags.undo),
    },
    rename: {
      args: 2,
      run: async (db, [tag, name]) => renameTag(db, COMMAND_LINE, (await requireTagNamed(db, tag)).id, name),
    },
    create: {
      args: 1,
      run: async (db, [name], flags) => {
        const kind = parseTagKind(flags.kind);
        if (!kind) throw new UsageError('create needs --kind KIND');
        return createCanonicalTag(db, COMMAND_LINE, name, kind);
      },
    },
  };

interface Flags {
  remove?: boolean;
  undo?: boolean;
  fix?: boolean;
  kind?: string;
}

function status(tag: Tag, canonical: Tag | undefined): string {
  if (tag.is_canonical) return 'canonical';
  if (canonical) return `synonym of "${canonical.name}"`;
  return tag.is_unwrangleable ? 'unwrangleable' : 'unwrangled';
}

async function show(db: Db, name: string): Promise<number> {
  const tag = await requireTagNamed(db, name);
  const place = await loadTagPlace(db, tag, MEMBER_AUDIENCE);
  const list = (tags: Tag[]) => (tags.length ? tags.map((t) => t.name).join(', ') : '-');
  const pending = await hasPendingJob(db, filterJobSubject(tag.id));
  console.log(
    [
      tag.name,
      `  kind:      ${TAG_KIND_LABELS[tag.kind]}`,
      `  status:    ${status(tag, place.canonical)}`,
      `  works:     ${place.worksCount}${pending ? ' (filter update pending)' : ''}`,
      `  synonyms:  ${list(place.synonyms)}`,
      `  meta tags: ${list(place.metaTags)}`,
      `  sub tags:  ${list(place.subTags)}`,
      `  parents:   ${list(place.parents)}`,
      `  children:  ${list(place.children)}`,
    ].join('\n'),
  );
  return 0;
}

async function verify(db: Db, fix: boolean): Promise<number> {
  const outcome = await verifyFilterTags(db, { fix });
  for (const drift of outcome.drift) {
    const parts = [
      drift.missing.length ? `missing ${drift.missing.join(', ')}` : '',
      drift.extra.length ? `extra ${drift.extra.join(', ')}` : '',
    ].filter(Boolean);
    console.log(`work ${drift.workId}: ${parts.join('; ')}`);
  }
  if (!outcome.drift.length) {
    console.log(`Checked ${outcome.worksChecked} works: filter tags match.`);
    return 0;
  }
  console.log(
    `Checked ${outcome.worksChecked} works: ${outcome.drift.length} drifted${outcome.fixed ? ', now re-derived' : ' (run with --fix to re-derive them)'}.`,
  );
  return outcome.fixed ? 0 : 1;
}

export const tagsCommand: Command = {
  name: 'tags',
  summary: 'wrangle tags (canonical, synonym, meta, parent, kind…), show a tag, verify filter tags',
  help: HELP,
  async run(args) {
    const parsed = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        remove: { type: 'boolean' },
        undo: { type: 'boolean' },
        fix: { type: 'boolean' },
        kind: { type: 'string' },
      },
    });
    const { values, positionals } = parsed;
    const [subcommand, ...names] = positionals;
    if (!subcommand) throw new UsageError('which subcommand?');
    const action = ACTIONS[subcommand];
    const expected = action ? action.args : subcommand === 'show' ? 1 : subcommand === 'verify' ? 0 : undefined;
    if (expected === undefined) throw new UsageError(`unknown subcommand "${subcommand}"`);
    if (names.length !== expected)
      throw new UsageError(`${subcommand} takes ${expected} tag name(s), got ${names.length}`);
    const db = await openConfiguredDatabase();
    try {
      if (subcommand === 'show') return await show(db, names[0]);
      if (subcommand === 'verify') return await verify(db, !!values.fix);
      const outcome = await action.run(db, names, values);
      console.log(outcome.message);
      if (outcome.filters?.queued)
        console.log('Leave `quire serve` running, or run `quire tags verify --fix`, to apply it.');
      return 0;
    } catch (error) {
      if (!(error instanceof WranglingError)) throw error;
      console.error(`quire tags: ${error.message}`);
      return 1;
    } finally {
      await db.destroy();
    }
  },
};
