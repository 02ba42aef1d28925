/**
 * SQL of a reader's personal blocklist: tags, creators and single works
 * they never want to see, and two rules — hide works with more than N tags,
 * hide works in progress not updated for N months. Listings apply it to
 * results and counts alike (see `Blocklist` in plan.ts).
 */
import type { Db } from '../../db/database.ts';
import type { Blocklist } from '../plan.ts';

const now = () => new Date().toISOString();

/** The date `months` months before `today` (YYYY-MM-DD). */
export function monthsBefore(today: Date, months: number): string {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - months, today.getUTCDate()));
  return date.toISOString().slice(0, 10);
}

/** The reader's blocklist as a listing applies it, or null when it is empty. */
export async function loadBlocklist(db: Db, userId: number, today = new Date()): Promise<Blocklist | null> {
  const [tags, creators, works, rules] = await Promise.all([
    db
      .selectFrom('blocked_tags as b')
      .innerJoin('tags as t', 't.id', 'b.tag_id')
      .leftJoin('tags as canonical', (join) =>
        join.onRef('canonical.id', '=', 't.synonym_of_id').on('canonical.is_canonical', '=', 1),
      )
      .select(['t.id', 't.is_canonical', 'canonical.id as canonical_id'])
      .where('b.user_id', '=', userId)
      .execute(),
    db
      .selectFrom('blocked_creators as b')
      .innerJoin('pseuds as p', 'p.id', 'b.pseud_id')
      .select('p.user_id')
      .where('b.user_id', '=', userId)
      .execute(),
    db.selectFrom('blocked_works').select('work_id').where('user_id', '=', userId).execute(),
    db.selectFrom('blocklist_rules').selectAll().where('user_id', '=', userId).executeTakeFirst(),
  ]);
  const blocklist: Blocklist = {
    // A blocked canonical tag hides its synonyms and sub tags too, as a filter on it would find them.
    tags: tags.map((t) =>
      t.is_canonical
        ? { tagId: t.id, through: 'filter_tags' as const }
        : t.canonical_id !== null
          ? { tagId: t.canonical_id, through: 'filter_tags' as const }
          : { tagId: t.id, through: 'taggings' as const },
    ),
    userIds: [...new Set(creators.map((c) => c.user_id))],
    workIds: works.map((w) => w.work_id),
    maxTags: rules?.max_tags ?? null,
    staleBefore: rules?.stale_months ? monthsBefore(today, rules.stale_months) : null,
  };
  const isEmpty =
    !blocklist.tags.length &&
    !blocklist.userIds.length &&
    !blocklist.workIds.length &&
    blocklist.maxTags === null &&
    blocklist.staleBefore === null;
  return isEmpty ? null : blocklist;
}

/** What the blocklist page lists. */
export async function listBlocklist(db: Db, userId: number) {
  const [tags, creators, works, rules] = await Promise.all([
    db
      .selectFrom('blocked_tags as b')
      .innerJoin('tags as t', 't.id', 'b.tag_id')
      .select(['t.id', 't.name', 't.kind'])
      .where('b.user_id', '=', userId)
      .orderBy('t.name')
      .execute(),
    db
      .selectFrom('blocked_creators as b')
      .innerJoin('pseuds as p', 'p.id', 'b.pseud_id')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.id', 'p.name', 'u.username'])
      .where('b.user_id', '=', userId)
      .orderBy('p.name')
      .execute(),
    db
      .selectFrom('blocked_works as b')
      .innerJoin('works as w', 'w.id', 'b.work_id')
      .select(['w.id', 'w.title'])
      .where('b.user_id', '=', userId)
      .orderBy('w.title')
      .execute(),
    db.selectFrom('blocklist_rules').selectAll().where('user_id', '=', userId).executeTakeFirst(),
  ]);
  return { tags, creators, works, maxTags: rules?.max_tags ?? null, staleMonths: rules?.stale_months ?? null };
}

export async function blockTag(db: Db, userId: number, tagId: number): Promise<void> {
  await db
    .insertInto('blocked_tags')
    .values({ user_id: userId, tag_id: tagId, created_at: now() })
    .onConflict((oc) => oc.columns(['user_id', 'tag_id']).doNothing())
    .execute();
}

export async function blockCreator(db: Db, userId: number, pseudId: number): Promise<void> {
  await db
    .insertInto('blocked_creators')
    .values({ user_id: userId, pseud_id: pseudId, created_at: now() })
    .onConflict((oc) => oc.columns(['user_id', 'pseud_id']).doNothing())
    .execute();
}

export async function blockWork(db: Db, userId: number, workId: number): Promise<void> {
  await db
    .insertInto('blocked_works')
    .values({ user_id: userId, work_id: workId, created_at: now() })
    .onConflict((oc) => oc.columns(['user_id', 'work_id']).doNothing())
    .execute();
}

export async function unblock(db: Db, userId: number, kind: 'tag' | 'creator' | 'work', id: number): Promise<void> {
  if (kind === 'tag')
    await db.deleteFrom('blocked_tags').where('user_id', '=', userId).where('tag_id', '=', id).execute();
  if (kind === 'creator') {
    await db.deleteFrom('blocked_creators').where('user_id', '=', userId).where('pseud_id', '=', id).execute();
  }
  if (kind === 'work')
    await db.deleteFrom('blocked_works').where('user_id', '=', userId).where('work_id', '=', id).execute();
}

export async function saveBlocklistRules(
  db: Db,
  userId: number,
  rules: { maxTags: number | null; staleMonths: number | null },
): Promise<void> {
  await db
    .insertInto('blocklist_rules')
    .values({ user_id: userId, max_tags: rules.maxTags, stale_months: rules.staleMonths, updated_at: now() })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ max_tags: rules.maxTags, stale_months: rules.staleMonths, updated_at: now() }),
    )
    .execute();
}

/** A pseud by its name, or a user's default pseud by the account name. */
export async function findPseudByName(db: Db, name: string) {
  const byPseud = await db
    .selectFrom('pseuds')
    .select(['id', 'name'])
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase()))
    .orderBy('is_default', 'desc')
    .executeTakeFirst();
  if (byPseud) return byPseud;
  return db
    .selectFrom('pseuds as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.id', 'p.name'])
    .where((eb) => eb(eb.fn('lower', ['u.username']), '=', name.trim().toLowerCase()))
    .where('p.is_default', '=', 1)
    .executeTakeFirst();
}

export function findWorkTitle(db: Db, workId: number) {
  return db.selectFrom('works').select(['id', 'title']).where('id', '=', workId).executeTakeFirst();
}
