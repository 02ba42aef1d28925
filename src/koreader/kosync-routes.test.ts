import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { decode } from '../../test/support/post-form.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import type { User } from '../accounts/accounts.table.ts';
import { loadConfig } from '../config.ts';
import { createApp } from '../server.ts';

/** KOReader's util.partialMD5, the way the Lua does it: seek in the file, read 1 KiB, stop at the first empty read. */
function koreaderPartialMd5(file: string): string {
  const fd = fs.openSync(file, 'r');
  const md5 = crypto.createHash('md5');
  try {
    for (let i = -1; i <= 10; i++) {
      // LuaJIT: bit.lshift(1024, -2) shifts by 30 (mod 32) and wraps to 0.
      const offset = (1024 << ((2 * i) & 31)) >>> 0;
      const sample = Buffer.alloc(1024);
      const read = fs.readSync(fd, sample, 0, 1024, offset);
      if (read === 0) break;
      md5.update(sample.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return md5.digest('hex');
}

const md5 = (text: string) => crypto.createHash('md5').update(text).digest('hex');

forEachDatabase('KOReader progress sync', (t) => {
  let dataDir: string;
  let app: ReturnType<typeof createApp>;
  let reader: Browser;
  let readerUser: User;
  let workId: number;
  let password: string;

  /** A request as KOReader's Progress sync plugin sends it. */
  function kosync(method: string, route: string, auth: { user: string; key: string }, body?: object) {
    const headers: Record<string, string> = {
      accept: 'application/vnd.koreader.v1+json',
      'x-auth-user': auth.user,
      'x-auth-key': auth.key,
    };
    if (body) headers['content-type'] = 'application/json';
    return app.request(`${TEST_ORIGIN}/kosync${route}`, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-koreader-'));
    app = createApp({ db: t.db, config: loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: dataDir }) });
    const writer = await makeUser(t.db);
    workId = await makeWork(t.db, writer, {
      title: 'Tide Tables',
      chapters: [chapter('<p>Low water.</p>'), chapter('<p>Slack water.</p>'), chapter('<p>High water.</p>')],
    });
    readerUser = await makeUser(t.db);
    reader = new Browser(app);
    await signIn(reader, t.db, readerUser);
    const made = await reader.post('/preferences/koreader');
    expect(made.status).toBe(201);
    const html = await made.text();
    password = decode(/id="new-secret"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? '');
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(html).toContain(`${TEST_ORIGIN}/kosync`);
  });
  afterAll(() => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('authorizes the username with md5 of the KOReader password, and refuses others with KOReader’s error JSON', async () => {
    const ok = await kosync('GET', '/users/auth', { user: readerUser.username, key: md5(password) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ authorized: 'OK' });

    for (const auth of [
      { user: readerUser.username, key: md5('not the password') },
      { user: readerUser.username, key: password },
      { user: 'someone-else', key: md5(password) },
      { user: '', key: '' },
    ]) {
      const refused = await kosync('GET', '/users/auth', auth);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ code: 2001, message: 'Unauthorized' });
    }
    const put = await kosync('PUT', '/syncs/progress', { user: readerUser.username, key: md5('wrong') }, {});
    expect(put.status).toBe(401);
  });

  it('answers registration with where accounts are made', async () => {
    const response = await kosync('POST', '/users/create', { user: '', key: '' }, { username: 'x', password: 'y' });
    expect(response.status).toBe(402);
    const body = (await response.json()) as { message: string };
    expect(body.message).toContain('Accounts are made on the archive');
  });

  it('maps a downloaded EPUB’s partial MD5 to its work, keeps the position, and shows it on the work page', async () => {
    const download = await reader.get(`/downloads/${workId}/Tide_Tables.epub`);
    expect(download.status).toBe(200);
    const file = path.join(dataDir, 'Tide_Tables.epub');
    fs.writeFileSync(file, new Uint8Array(await download.arrayBuffer()));
    const document = koreaderPartialMd5(file);
    // The same version built again (cache cleared) is the same bytes, so the same document to KOReader.
    fs.rmSync(path.join(dataDir, 'cache'), { recursive: true, force: true });
    const rebuilt = await reader.get(`/downloads/${workId}/Tide_Tables.epub`);
    fs.writeFileSync(file, new Uint8Array(await rebuilt.arrayBuffer()));
    expect(koreaderPartialMd5(file)).toBe(document);
    const auth = { user: readerUser.username, key: md5(password) };

    expect(await (await kosync('GET', `/syncs/progress/${document}`, auth)).json()).toEqual({});

    const progress = '/body/DocFragment[3]/body/div/p[1]/text().0';
    const put = await kosync('PUT', '/syncs/progress', auth, {
      document,
      progress,
      percentage: 0.4213,
      device: 'Kobo Clara',
      device_id: 'A1B2C3',
    });
    expect(put.status).toBe(200);
    const putBody = (await put.json()) as { document: string; timestamp: number };
    expect(putBody.document).toBe(document);
    expect(typeof putBody.timestamp).toBe('number');

    const rows = await t.db
      .selectFrom('koreader_progress')
      .select(['work_id', 'chapter_number', 'percentage', 'device'])
      .where('user_id', '=', readerUser.id)
      .execute();
    expect(rows).toEqual([{ work_id: workId, chapter_number: 2, percentage: 0.4213, device: 'Kobo Clara' }]);
    // That chapter is the last one read in the reader's history (src/readings).
    const reading = await t.db
      .selectFrom('readings')
      .innerJoin('chapters', 'chapters.id', 'readings.last_chapter_id')
      .select('chapters.position')
      .where('readings.user_id', '=', readerUser.id)
      .where('readings.work_id', '=', workId)
      .executeTakeFirst();
    expect(reading).toEqual({ position: 2 });

    const got = await kosync('GET', `/syncs/progress/${document}`, auth);
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({
      document,
      progress,
      percentage: 0.4213,
      device: 'Kobo Clara',
      device_id: 'A1B2C3',
      timestamp: putBody.timestamp,
    });

    // KOReader set to match documents by file name finds the same place.
    const byName = await kosync('GET', `/syncs/progress/${md5('Tide_Tables.epub')}`, auth);
    expect(await byName.json()).toMatchObject({ progress, percentage: 0.4213 });

    const page = await reader.page(`/works/${workId}`);
    const line = /<p class="ereader-progress">([\s\S]*?)<\/p>/.exec(page)?.[1] ?? '';
    expect(decode(line.replace(/<[^>]+>/g, ''))).toBe('On your e-reader: chapter 2 (42%)');

    // Someone else's page never shows it.
    const other = new Browser(app);
    await signIn(other, t.db, await makeUser(t.db));
    expect(await other.page(`/works/${workId}`)).not.toContain('On your e-reader');
  });

  it('acknowledges a document that is not a Quire EPUB without keeping it', async () => {
    const auth = { user: readerUser.username, key: md5(password) };
    const put = await kosync('PUT', '/syncs/progress', auth, {
      document: md5('some other book'),
      progress: '/body/DocFragment[2]',
      percentage: 0.1,
      device: 'Kobo',
      device_id: 'X',
    });
    expect(put.status).toBe(200);
    const bad = await kosync('PUT', '/syncs/progress', auth, { progress: 'x', percentage: 0.1 });
    expect(bad.status).toBe(403);
    expect(await bad.json()).toMatchObject({ code: 2003 });
  });

  it('stops authorizing once the app password is revoked', async () => {
    const token = await t.db
      .selectFrom('api_tokens')
      .select('id')
      .where('user_id', '=', readerUser.id)
      .executeTakeFirstOrThrow();
    const revoked = await reader.post(`/preferences/tokens/${token.id}/revoke`);
    expect(revoked.status).toBe(303);
    const refused = await kosync('GET', '/users/auth', { user: readerUser.username, key: md5(password) });
    expect(refused.status).toBe(401);
  });
});
