/**
 * `quire seed --demo`: fills an empty archive with a living example — demo
 * accounts (the first an admin and tag wrangler), the wrangled vocabulary of
 * demo-vocabulary.ts, and the works of demo-works.ts. The vocabulary goes
 * through the real wrangling commands, so the tag pages show a wrangling
 * log, and the works through createWork, so filter tags are derived as for
 * any posted work.
 */
import { createUser, findDefaultPseud } from '../accounts/queries.ts';
import { hashPassword } from '../accounts/passwords.ts';
import type { Db } from '../db/database.ts';
import type { TagKind } from '../tags/tags.table.ts';
import { findOrCreateTags, findTagByName } from '../tags/queries.ts';
import type { Actor } from '../wrangling/command.ts';
import { addMetaTag, attachParent } from '../wrangling/link-commands.ts';
import { assignFandom, setWranglerRole } from '../wrangling/queries.ts';
import { createCanonicalTag } from '../wrangling/status-commands.ts';
import { makeSynonym } from '../wrangling/synonym-command.ts';
import { createWork } from '../works/save-work.ts';
import { blankWorkInput } from '../works/work-input.ts';
import { DEMO_FANDOMS, DEMO_FREEFORMS, DEMO_MEDIA, DEMO_UNWRANGLED, type DemoTag } from './demo-vocabulary.ts';
import { demoWorks } from './demo-works.ts';
import { countArchiveContents } from './queries.ts';

export const DEMO_USERS = ['demo_admin', 'lanternwright', 'inkandquill', 'marginalia', 'wanqing', 'snegir'] as const;

const SEED_ACTOR: Actor = { userId: null, name: 'demo seed' };

export class ArchiveNotEmptyError extends Error {}

export interface DemoSummary {
  users: string[];
  works: number;
  tags: number;
}

async function tagId(db: Db, name: string): Promise<number> {
  const tag = await findTagByName(db, name);
  if (!tag) throw new Error(`demo seed: missing tag "${name}"`);
  return tag.id;
}

/** A canonical tag with its synonyms. */
async function wrangleTag(db: Db, tag: DemoTag, kind: TagKind): Promise<number> {
  await createCanonicalTag(db, SEED_ACTOR, tag.name, kind);
  const id = await tagId(db, tag.name);
  for (const synonym of tag.synonyms ?? []) {
    const [synonymId] = await findOrCreateTags(db, [synonym], kind);
    await makeSynonym(db, SEED_ACTOR, synonymId, id);
  }
  return id;
}

async function loadVocabulary(db: Db): Promise<number[]> {
  const media = await wrangleTag(db, { name: DEMO_MEDIA }, 'media');
  const fandomIds: number[] = [];
  for (const fandom of DEMO_FANDOMS) {
    const fandomId = await wrangleTag(db, fandom, 'fandom');
    fandomIds.push(fandomId);
    await attachParent(db, SEED_ACTOR, fandomId, media);
    for (const character of fandom.characters) {
      await attachParent(db, SEED_ACTOR, await wrangleTag(db, character, 'character'), fandomId);
    }
    for (const relationship of fandom.relationships) {
      const id = await wrangleTag(db, relationship, 'relationship');
      await attachParent(db, SEED_ACTOR, id, fandomId);
      for (const character of relationship.characters)
        await attachParent(db, SEED_ACTOR, id, await tagId(db, character));
    }
  }
  for (const freeform of DEMO_FREEFORMS) {
    const id = await wrangleTag(db, freeform, 'freeform');
    if (freeform.meta) await addMetaTag(db, SEED_ACTOR, id, await tagId(db, freeform.meta));
  }
  for (const { name, kind } of DEMO_UNWRANGLED) await findOrCreateTags(db, [name], kind);
  return fandomIds;
}

/** Loads the demo; refuses (ArchiveNotEmptyError) unless the archive has no accounts and no works. */
export async function loadDemo(db: Db, password: string): Promise<DemoSummary> {
  const contents = await countArchiveContents(db);
  if (contents.users || contents.works) {
    throw new ArchiveNotEmptyError(
      `This archive already has ${contents.users} account(s) and ${contents.works} work(s); the demo only loads into an empty archive.`,
    );
  }
  const passwordHash = await hashPassword(password);
  const users = [];
  for (const [index, username] of DEMO_USERS.entries()) {
    users.push(
      await createUser(db, { username, email: `${username}@demo.invalid`, passwordHash, isAdmin: index === 0 }),
    );
  }
  await setWranglerRole(db, users[0].id, true);
  const fandomIds = await loadVocabulary(db);
  for (const fandomId of fandomIds) await assignFandom(db, users[0].id, fandomId);

  const works = demoWorks();
  for (const work of works) {
    const author = users[work.author];
    const pseud = await findDefaultPseud(db, author.id);
    const input = blankWorkInput({
      title: work.title,
      summary: work.summary,
      rating: work.rating,
      warnings: work.warnings,
      categories: work.categories,
      fandoms: work.fandoms,
      relationships: work.relationships,
      characters: work.characters,
      freeforms: work.freeforms,
      languageCode: work.languageCode,
      expectedChapters: work.expectedChapters,
      publishedOn: work.publishedOn,
      creatorPseudIds: [pseud.id],
      commentPermission: 'everyone',
    });
    const chapters = work.chapters.map((c) => ({ title: c.title, summary: '', notes: '', endNotes: '', body: c.body }));
    await createWork(db, input, chapters, { post: true, ownerId: author.id });
  }
  const after = await countArchiveContents(db);
  return { users: users.map((u) => u.username), works: after.works, tags: after.freeTags };
}
