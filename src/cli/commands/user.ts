/**
 * `quire user create|grant|revoke|export|delete`: accounts from the terminal —
 * the way to make the first admin on a server, to hand out the admin,
 * wrangler, moderator and support roles, to write an account's data export
 * (src/data-export/) and to delete an account. Uses the same rules as the
 * sign-up page, and the same deletion command as the admin's page
 * (src/orphaning/delete-account.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline/promises';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../config.ts';
import { COMMAND_LINE } from '../../wrangling/command.ts';
import {
  deleteAccount,
  DeletionRefusedError,
  OWN_WORKS_CHOICES,
  type OwnWorksChoice,
} from '../../orphaning/delete-account.ts';
import { countAdmins, findUserByName, hasRole, ROLES, setRole, type Role } from '../../accounts/queries.ts';
import { registerAccount } from '../../accounts/register.ts';
import { emailSchema, passwordSchema, usernameSchema } from '../../accounts/schema.ts';
import type { Db } from '../../db/database.ts';
import { openConfiguredDatabase, parseCommandArgs, UsageError, type Command } from '../command.ts';

const HELP = `Usage:
  quire user create USERNAME --email EMAIL [--password PASSWORD] [--admin]
  quire user grant USERNAME admin|wrangler|moderator|support
  quire user revoke USERNAME admin|wrangler|moderator|support
  quire user export USERNAME [--out FILE]
  quire user delete USERNAME --works delete|orphan [--reason TEXT] [--yes]

create   Opens an account with a default pseud named after it. Without
         --password a strong password is generated and printed once (safer:
         a password typed on the command line can stay in your shell history).
         --admin makes the account an admin; the first account on an empty
         archive is always one.
grant    Gives an existing account a role.
revoke   Takes a role away. The last admin cannot be revoked.
export   Writes the account's data export, the zip its owner gets from
         /users/USERNAME/export: every work (drafts too) as EPUB and in the
         plain-text export format, bookmarks, comments, kudos, reading
         history, subscriptions and preferences as JSON, pseud icons.
         --out FILE (default USERNAME-data.zip) says where.
delete   Deletes an account as an admin would: the works it made alone are
         deleted or orphaned (--works), works made with others lose only its
         name, its comments read "(Account deleted)". Logged in the audit log
         with --reason (default: "deleted from the command line"). Asks you to
         type the username unless --yes. Staff accounts cannot be deleted.

Usernames are 3-40 letters, digits, underscores or hyphens; passwords at
least 8 characters. The database is the configured one (QUIRE_DATA_DIR or
DATABASE_URL). Exit status: 0 done, 1 refused (e.g. name taken, no such
user), 2 wrong usage.`;

/** Prints "field: message" lines for a rejected value; returns the exit status. */
function refuse(messages: string[]): number {
  for (const message of messages) console.error(`quire user: ${message}`);
  return 1;
}

async function withDatabase(work: (db: Db) => Promise<number>): Promise<number> {
  const db = await openConfiguredDatabase();
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

async function create(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    options: { email: { type: 'string' }, password: { type: 'string' }, admin: { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new UsageError('create needs exactly one USERNAME');
  if (values.email === undefined) throw new UsageError('create needs --email EMAIL');

  const isGenerated = values.password === undefined;
  const username = usernameSchema.safeParse(positionals[0]);
  const email = emailSchema.safeParse(values.email);
  const password = passwordSchema.safeParse(values.password ?? crypto.randomBytes(18).toString('base64url'));
  const problems = [
    ...(username.success ? [] : [`username: ${username.error.issues[0]?.message}`]),
    ...(email.success ? [] : [`email: ${email.error.issues[0]?.message}`]),
    ...(password.success ? [] : [`password: ${password.error.issues[0]?.message}`]),
  ];
  if (!username.success || !email.success || !password.success) return refuse(problems);

  return withDatabase(async (db) => {
    const result = await registerAccount(db, {
      username: username.data,
      email: email.data,
      password: password.data,
      isAdmin: values.admin,
    });
    if (!result.ok) return refuse(Object.entries(result.errors).map(([field, message]) => `${field}: ${message}`));
    const { user } = result;
    console.log(`Created user ${user.username}${user.is_admin ? ' (admin)' : ''}.`);
    if (isGenerated) console.log(`Password: ${password.data}\nKeep it somewhere safe: it is not shown again.`);
    return 0;
  });
}

function parseRoleArgs(verb: string, args: string[]): { username: string; role: Role } {
  const { positionals } = parseCommandArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 2) throw new UsageError(`${verb} needs USERNAME and a role (${ROLES.join(', ')})`);
  const [username, role] = positionals as [string, string];
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`unknown role "${role}"; roles are ${ROLES.join(', ')}`);
  }
  return { username, role: role as Role };
}

async function changeRole(verb: 'grant' | 'revoke', args: string[]): Promise<number> {
  const { username, role } = parseRoleArgs(verb, args);
  const isGranting = verb === 'grant';
  return withDatabase(async (db) => {
    const user = await findUserByName(db, username);
    if (!user) return refuse([`there is no user named "${username}"`]);
    if (hasRole(user, role) === isGranting) {
      console.log(`${user.username} ${isGranting ? 'is already' : 'is not'} ${role === 'admin' ? 'an' : 'a'} ${role}.`);
      return 0;
    }
    // An archive with no admin can only be repaired from the database by hand.
    if (!isGranting && role === 'admin' && (await countAdmins(db)) <= 1) {
      return refuse([`${user.username} is the only admin; grant admin to someone else first`]);
    }
    await setRole(db, user.id, role, isGranting);
    console.log(`${isGranting ? 'Granted' : 'Revoked'} ${role} ${isGranting ? 'to' : 'from'} ${user.username}.`);
    return 0;
  });
}

async function exportData(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('export needs exactly one USERNAME');
  // Loaded here, not at the top: the export brings the EPUB builder and sharp, which `user create` has no use for.
  const [{ findExportOwner }, { writeAccountExport }, { exportSettingsOf }] = await Promise.all([
    import('../../data-export/account-data-queries.ts'),
    import('../../data-export/build-export.ts'),
    import('../../data-export/export-job.ts'),
  ]);
  const config = loadConfig();
  const db = await openConfiguredDatabase(config);
  try {
    const user = await findUserByName(db, positionals[0]);
    const owner = user && (await findExportOwner(db, user.id));
    if (!user || !owner) return refuse([`there is no user named "${positionals[0]}"`]);
    const out = path.resolve(values.out ?? `${user.username}-data.zip`);
    const bar = new cliProgress.SingleBar(
      { format: 'Exporting works [{bar}] {value}/{total}', noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 5000 },
      cliProgress.Presets.shades_classic,
    );
    let begun = false;
    const part = `${out}.part`;
    let summary;
    try {
      summary = await writeAccountExport(db, owner, exportSettingsOf(config), part, (done, total) => {
        if (!begun) bar.start(total, 0);
        begun = true;
        bar.update(done);
      });
      await fs.rename(part, out);
    } catch (error) {
      await fs.rm(part, { force: true });
      return refuse([`cannot write ${out}: ${(error as Error).message}`]);
    } finally {
      bar.stop();
    }
    const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
    console.log(
      `Wrote ${out} (${Math.max(1, Math.round(summary.bytes / 1024))} KB): ` +
        [
          `${count(summary.works, 'work')} (${count(summary.drafts, 'draft')})`,
          count(summary.bookmarks, 'bookmark'),
          count(summary.comments, 'comment'),
          count(summary.kudos, 'kudos', 'kudos'),
          count(summary.readings, 'history entry', 'history entries'),
          count(summary.subscriptions, 'subscription'),
          count(summary.icons, 'pseud icon'),
        ].join(', ') +
        '.',
    );
    for (const missing of summary.epubsMissing)
      console.log(`No EPUB of work ${missing.id} (${missing.title}): ${missing.reason} Its text file is there.`);
    return 0;
  } finally {
    await db.destroy();
  }
}

async function confirmed(username: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    const typed = await prompt.question(`This cannot be undone. Type ${username} to delete the account: `);
    return typed.trim() === username;
  } finally {
    prompt.close();
  }
}

async function deleteUser(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    options: { works: { type: 'string' }, reason: { type: 'string' }, yes: { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new UsageError('delete needs exactly one USERNAME');
  if (!OWN_WORKS_CHOICES.includes(values.works as OwnWorksChoice)) {
    throw new UsageError('delete needs --works delete or --works orphan (what becomes of the works it made alone)');
  }
  const reason = values.reason?.trim() || 'deleted from the command line';
  return withDatabase(async (db) => {
    const user = await findUserByName(db, positionals[0]!);
    if (!user) return refuse([`there is no user named "${positionals[0]}"`]);
    if (!values.yes && !(await confirmed(user.username))) {
      return refuse([`not deleted ${user.username}: confirm by typing the name, or run with --yes`]);
    }
    try {
      await deleteAccount(db, {
        userId: user.id,
        ownWorks: values.works as OwnWorksChoice,
        byAdmin: true,
        actor: COMMAND_LINE,
        reason,
      });
    } catch (error) {
      if (error instanceof DeletionRefusedError) return refuse([error.message]);
      throw error;
    }
    console.log(
      `Deleted ${user.username}; the works it made alone are ${values.works === 'delete' ? 'deleted' : 'orphaned'}.`,
    );
    return 0;
  });
}

export const userCommand: Command = {
  name: 'user',
  summary: 'create accounts, grant or revoke roles, export or delete an account',
  help: HELP,
  async run(args) {
    const [subcommand, ...rest] = args;
    if (subcommand === 'create') return create(rest);
    if (subcommand === 'grant' || subcommand === 'revoke') return changeRole(subcommand, rest);
    if (subcommand === 'export') return exportData(rest);
    if (subcommand === 'delete') return deleteUser(rest);
    throw new UsageError(
      subcommand ? `unknown subcommand "${subcommand}"` : 'say create, grant, revoke, export or delete',
    );
  },
};
