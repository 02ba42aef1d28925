import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findDefaultPseud } from '../accounts/queries.ts';
import type { User } from '../accounts/accounts.table.ts';
import { insertBookmark } from '../bookmarks/queries.ts';
import { insertList, setBookmarkLists } from '../bookmarks/list-queries.ts';
import { insertComment } from '../comments/queries.ts';
import { insertKudos } from '../kudos/queries.ts';
import { recordVisit, setReadingStatus } from '../readings/queries.ts';
import { insertSubscription } from '../subscriptions/queries.ts';
import { runPendingJobs } from '../jobs/runner.ts';
import { writeIconFile } from '../users/pseud-icons.ts';
import { setPseudIconRow } from '../users/pseud-icon-queries.ts';
import { Browser, makeMailingApp } from '../../test/support/app.ts';
import { runQuire } from '../../test/support/cli.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { dataExportJobHandlers, DATA_EXPORT_JOB, requestDataExport, sweepExports, exportsDir } from './export-job.ts';

type Files = Record<string, Uint8Array>;
const text = (files: Files, name: string) => strFromU8(files[name]);
const json = (files: Files, name: string) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON files' shape is what the test checks
  JSON.parse(text(files, name)) as Record<string, any>;
const fileNamed = (files: Files, pattern: RegExp) => Object.keys(files).find((name) => pattern.test(name));

/** The chapter text inside an EPUB (its XHTML pages, joined). */
function epubText(bytes: Uint8Array): string {
  const inner = unzipSync(bytes);
  expect(strFromU8(inner.mimetype)).toBe('application/epub+zip');
  return Object.entries(inner)
    .filter(([name]) => name.endsWith('.xhtml'))
    .map(([, data]) => strFromU8(data))
    .join('\n');
}

async function pseudOf(db: Parameters<typeof findDefaultPseud>[0], user: User) {
  return (await findDefaultPseud(db, user.id)).id;
}

forEachDatabase('data export', (t) => {
  // The archive's data folder: on SQLite the database's own (where `quire` looks, as runQuire points it there).
  let dataDir = '';
  let ownDir = false;
  beforeAll(() => {
    const sqliteFile = t.test.target.sqliteFile;
    ownDir = !sqliteFile;
    dataDir = sqliteFile ? path.dirname(sqliteFile) : fs.mkdtempSync(path.join(os.tmpdir(), 'quire-export-'));
  });
  afterAll(() => {
    if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('mails a link to a zip of every part of the account, for its owner only, and the CLI writes the same zip', async () => {
    const { app, smtp } = await makeMailingApp(t.db, { QUIRE_DATA_DIR: dataDir });
    try {
      const writer = await makeUser(t.db, { username: `tidewriter${t.test.dialect}` });
      const other = await makeUser(t.db);
      const [writerPseud, otherPseud] = [await pseudOf(t.db, writer), await pseudOf(t.db, other)];

      const posted = await makeWork(t.db, writer, {
        title: 'Harbour Lights',
        chapters: [chapter('<p>The ferry came in under a paper moon.</p>')],
      });
      const draft = await makeWork(t.db, writer, {
        title: 'Unfinished Tide',
        post: false,
        chapters: [chapter('<p>Half a letter waited on the desk.</p>')],
      });
      const shared = await makeWork(t.db, other, {
        title: 'Two Hands at the Oar',
        creatorPseudIds: [otherPseud, writerPseud],
        chapters: [chapter('<p>They rowed in turns, arguing about gulls.</p>')],
      });
      await t.db
        .updateTable('creatorships')
        .set({ is_accepted: 1 })
        .where('work_id', '=', shared)
        .where('pseud_id', '=', writerPseud)
        .execute();
      const othersWork = await makeWork(t.db, other, { title: 'Lighthouse Log' });
      const laterHidden = await makeWork(t.db, other, { title: 'Quietly Withdrawn' });
      const invitedOnly = await makeWork(t.db, other, {
        title: 'Not Yet Accepted',
        creatorPseudIds: [otherPseud, writerPseud],
      });
      await t.db
        .updateTable('creatorships')
        .set({ is_accepted: 0 })
        .where('work_id', '=', invitedOnly)
        .where('pseud_id', '=', writerPseud)
        .execute();

      const bookmarkId = await insertBookmark(t.db, {
        item: { kind: 'work', id: othersWork },
        pseudId: writerPseud,
        userId: writer.id,
        notes: '<p>Read this on the night train.</p>',
        isRec: false,
        isPrivate: true,
        tags: ['cosy', 'lighthouses'],
      });
      const listId = await insertList(t.db, {
        userId: writer.id,
        name: 'Sea stories',
        description: '',
        isPrivate: true,
      });
      await setBookmarkLists(t.db, bookmarkId!, writer.id, [listId!]);
      await insertBookmark(t.db, {
        item: { kind: 'work', id: laterHidden },
        pseudId: writerPseud,
        userId: writer.id,
        notes: '',
        isRec: true,
        isPrivate: false,
        tags: [],
      });
      await t.db.updateTable('works').set({ is_hidden: 1 }).where('id', '=', laterHidden).execute();
      await insertComment(t.db, {
        workId: othersWork,
        chapterId: null,
        parent: null,
        userId: writer.id,
        pseudId: writerPseud,
        guestName: null,
        guestEmail: null,
        guestKey: null,
        body: '<p>The fog chapter gave me chills.</p>',
        state: 'published',
        holdReason: null,
        createdAt: new Date().toISOString(),
      });
      await insertKudos(t.db, { workId: othersWork, chapterId: null, giver: { userId: writer.id } });
      await recordVisit(t.db, {
        userId: writer.id,
        workId: othersWork,
        chapterId: null,
        firstChapterId: null,
        postedChapters: 1,
        at: new Date(),
      });
      await setReadingStatus(
        t.db,
        writer.id,
        othersWork,
        { status: 'finished', note: 'Lovely ending.', rating: 5 },
        new Date(),
      );
      await insertSubscription(t.db, writer.id, 'creator', other.id, new Date());
      await t.db.updateTable('users').set({ kudos_emails_off: 1 }).where('id', '=', writer.id).execute();
      const icon = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#2a6f97' } })
        .webp()
        .toBuffer();
      const iconFile = await writeIconFile(dataDir, writerPseud, icon);
      await setPseudIconRow(t.db, writerPseud, { file: iconFile, alt: 'A blue square' });

      const owner = new Browser(app);
      await signIn(owner, t.db, writer);
      const page = `/users/${writer.username}/export`;
      expect(await owner.page(page)).toContain('Export my data');
      const asked = await owner.post(page);
      expect(asked.status).toBe(303);
      expect(await owner.page(page)).toMatch(/Your export is being prepared/);

      const mail = await smtp.nextTo(writer.email);
      expect(mail.subject).toContain('ready to download');
      const link = /http\S+\/download/.exec(mail.text)?.[0];
      expect(link).toMatch(new RegExp(`/users/${writer.username}/export/\\d+/download$`));
      const linkPath = new URL(link!).pathname;
      expect(await owner.page(page)).toContain(linkPath);

      const download = await owner.get(linkPath);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/zip');
      const zipped = new Uint8Array(await download.arrayBuffer());
      const files = unzipSync(zipped);

      // Works: the posted one, the draft and the co-created one, each as EPUB and export text; no one else's.
      const works = json(files, 'works.json').works as Array<{
        id: number;
        status: string;
        epub: string;
        text: string;
      }>;
      expect(works.map((w) => w.id).sort((a, b) => a - b)).toEqual([posted, draft, shared].sort((a, b) => a - b));
      expect(works.find((w) => w.id === draft)?.status).toBe('draft');
      for (const [id, line] of [
        [posted, 'The ferry came in under a paper moon.'],
        [draft, 'Half a letter waited on the desk.'],
        [shared, 'They rowed in turns, arguing about gulls.'],
      ] as const) {
        const entry = works.find((w) => w.id === id)!;
        expect(epubText(files[entry.epub])).toContain(line);
        expect(text(files, entry.text)).toContain(line);
      }
      expect(text(files, fileNamed(files, /Unfinished_Tide\.txt$/)!)).toMatch(/^Title: Unfinished Tide$/m);
      expect(fileNamed(files, /Lighthouse_Log/)).toBeUndefined();
      expect(fileNamed(files, /Not_Yet_Accepted/)).toBeUndefined();

      const { bookmarks, lists } = json(files, 'bookmarks.json');
      expect(bookmarks).toHaveLength(2);
      expect(bookmarks[0]).toMatchObject({
        item: { type: 'work', id: othersWork, title: 'Lighthouse Log' },
        notes: '<p>Read this on the night train.</p>',
        tags: ['cosy', 'lighthouses'],
        lists: ['Sea stories'],
        isPrivate: true,
      });
      // A work the owner may no longer read keeps its id, not its title.
      expect(bookmarks[1]).toMatchObject({ item: { type: 'work', id: laterHidden, title: null }, isRec: true });
      expect(lists).toEqual([expect.objectContaining({ name: 'Sea stories', isPrivate: true })]);

      expect(json(files, 'comments.json').comments).toEqual([
        expect.objectContaining({
          work: { id: othersWork, title: 'Lighthouse Log' },
          body: '<p>The fog chapter gave me chills.</p>',
        }),
      ]);
      expect(json(files, 'kudos.json').kudos).toEqual([
        expect.objectContaining({ work: { id: othersWork, title: 'Lighthouse Log' } }),
      ]);
      const readings = json(files, 'readings.json');
      expect(readings.historyOff).toBe(false);
      expect(readings.readings).toEqual([
        expect.objectContaining({
          work: { id: othersWork, title: 'Lighthouse Log' },
          visits: 1,
          status: 'finished',
          note: 'Lovely ending.',
          rating: 5,
        }),
      ]);
      expect(json(files, 'subscriptions.json').subscriptions).toEqual([
        expect.objectContaining({ kind: 'creator', id: other.id, username: other.username }),
      ]);
      const preferences = json(files, 'preferences.json');
      expect(preferences.account).toMatchObject({ username: writer.username, email: writer.email });
      expect(preferences.preferences).toMatchObject({ kudosEmailsOff: true, commentEmailsOff: false });
      const [pseud] = preferences.pseuds as Array<{ name: string; isDefault: boolean; icon: string; iconAlt: string }>;
      expect(preferences.pseuds).toHaveLength(1);
      expect(pseud).toMatchObject({ name: writer.username, isDefault: true, iconAlt: 'A blue square' });
      expect(pseud.icon).toMatch(/^pseud-icons\/.+\.webp$/);
      expect(Buffer.from(files[pseud.icon])).toEqual(icon);
      expect(text(files, 'preferences.json')).not.toMatch(/password|argon/i);
      expect(text(files, 'README.txt')).toContain(writer.username);

      // Nobody else gets it: another member, a guest.
      const stranger = new Browser(app);
      await signIn(stranger, t.db, other);
      expect((await stranger.get(linkPath)).status).toBe(404);
      expect((await new Browser(app).get(linkPath)).status).toBe(404);
      expect((await owner.get(linkPath)).status).toBe(200); // still there for its owner

      // The command line writes the same zip, byte for byte.
      const out = path.join(dataDir, 'from-cli.zip');
      if (!t.test.target.sqliteFile) process.env.QUIRE_DATA_DIR = dataDir; // runQuire puts it back
      const result = await runQuire(t.test.target, 'user', 'export', writer.username, '--out', out);
      expect(result.stderr.replace(/Exporting works.*/g, '').trim()).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Wrote ${out}`);
      expect(result.stdout).toContain(
        '3 works (1 draft), 2 bookmarks, 1 comment, 1 kudos, 1 history entry, 1 subscription, 1 pseud icon.',
      );
      expect(new Uint8Array(fs.readFileSync(out))).toEqual(zipped);
    } finally {
      await smtp.close();
    }
  });

  it('prepares one export at a time, and refuses an expired link, removing its file', async () => {
    const { app, smtp } = await makeMailingApp(t.db, { QUIRE_DATA_DIR: dataDir });
    await smtp.close(); // no background here: the test runs the job itself
    const writer = await makeUser(t.db);
    const first = await requestDataExport(t.db, writer.id);
    expect(first).not.toBeNull();
    expect(await requestDataExport(t.db, writer.id)).toBeNull();
    const owner = new Browser(app);
    await signIn(owner, t.db, writer);
    const page = `/users/${writer.username}/export`;
    expect(await owner.page(page)).not.toContain('<button type="submit">Export my data</button>');
    expect((await owner.post(page)).status).toBe(303);
    expect(await t.db.selectFrom('data_exports').select('id').where('user_id', '=', writer.id).execute()).toHaveLength(
      1,
    );

    const config = {
      dataDir,
      baseUrl: 'http://localhost:3000',
      archiveName: 'Quire',
      downloadBuild: { timeoutMs: 60_000, memoryMb: 256 },
    };
    // Only the export's job kinds: the outbox events the factories recorded have no handler here.
    await runPendingJobs(t.db, dataExportJobHandlers(config), { log: () => {} });
    const ready = await t.db.selectFrom('data_exports').selectAll().where('id', '=', first!).executeTakeFirstOrThrow();
    expect(ready.status).toBe('ready');
    const file = path.join(exportsDir(dataDir), ready.file_name!);
    expect(fs.existsSync(file)).toBe(true);
    const link = `/users/${writer.username}/export/${first}/download`;
    expect((await owner.get(link)).status).toBe(200);

    // A day later the link is refused and the file is gone.
    await t.db
      .updateTable('data_exports')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', first!)
      .execute();
    expect((await owner.get(link)).status).toBe(404);
    expect(fs.existsSync(file)).toBe(false);
    expect(await owner.page(page)).toContain('<button type="submit">Export my data</button>');
  });

  it('the hourly sweep removes expired exports and files no export claims', async () => {
    const writer = await makeUser(t.db);
    const id = await requestDataExport(t.db, writer.id);
    const config = {
      dataDir,
      baseUrl: 'http://localhost:3000',
      archiveName: 'Quire',
      downloadBuild: { timeoutMs: 60_000, memoryMb: 256 },
    };
    await runPendingJobs(
      t.db,
      { [DATA_EXPORT_JOB]: dataExportJobHandlers(config)[DATA_EXPORT_JOB] },
      { log: () => {} },
    );
    const row = await t.db.selectFrom('data_exports').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    const file = path.join(exportsDir(dataDir), row.file_name!);
    const leftOver = path.join(exportsDir(dataDir), '999999-gone.zip');
    fs.writeFileSync(leftOver, 'an export whose account was deleted');

    await sweepExports(t.db, dataDir, new Date());
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.existsSync(leftOver)).toBe(false);

    await sweepExports(t.db, dataDir, new Date(Date.now() + 25 * 3_600_000));
    expect(fs.existsSync(file)).toBe(false);
    expect(await t.db.selectFrom('data_exports').select('id').where('id', '=', id!).executeTakeFirst()).toBeUndefined();
  });
});
