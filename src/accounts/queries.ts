/**
 * SQL of accounts: users, their pseuds and preferences. A user always has
 * exactly one default pseud, created with the account and named after it.
 */
import type { Kysely } from 'kysely';
import type { Pseud, Tables, User } from '../db/database.ts';

type Db = Kysely<Tables>;

export interface NewAccount {
  username: string;
  email: string;
  passwordHash: string;
  isAdmin?: boolean;
}

export async function createUser(db: Db, account: NewAccount): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const user = await trx
      .insertInto('users')
      .values({
        username: account.username,
        email: account.email,
        password_hash: account.passwordHash,
        is_admin: account.isAdmin ? 1 : 0,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('pseuds')
      .values({ user_id: user.id, name: account.username, is_default: 1, created_at: now })
      .execute();
    return user;
  });
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserByName(db: Db, username: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export async function findUserByLogin(db: Db, login: string): Promise<User | undefined> {
  const key = login.trim().toLowerCase();
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb(eb.fn('lower', ['username']), '=', key), eb(eb.fn('lower', ['email']), '=', key)]))
    .executeTakeFirst();
}

export async function listPseuds(db: Db, userId: number): Promise<Pseud[]> {
  return db
    .selectFrom('pseuds')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('is_default', 'desc')
    .orderBy('name')
    .execute();
}

export async function findDefaultPseud(db: Db, userId: number): Promise<Pseud> {
  return db
    .selectFrom('pseuds')
    .selectAll()
    .where('user_id', '=', userId)
    .where('is_default', '=', 1)
    .executeTakeFirstOrThrow();
}
