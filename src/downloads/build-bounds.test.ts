/**
 * A download build can never stop the server answering others (issue 14):
 * a PDF of one 100,000-character word is built while other pages are
 * served, and a build over its bound answers "this download could not be
 * made" with nothing left in the cache.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork } from '../../test/support/factories.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { User } from '../accounts/accounts.table.ts';
import { createApp } from '../server.ts';

const LONG_WORD = 'wave'.repeat(25_000);
/** Pages asked for, one after another, while the PDF is built (each takes milliseconds, the PDF in a worker seconds). */
const PAGES = 10;

function guestOf(db: Db, dataDir: string, env: Record<string, string> = {}): Browser {
  const config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: dataDir, ...env });
  return new Browser(createApp({ db, config }));
}

/** Every file under the work's cache folder, temporary ones included. */
const cacheDirOf = (dataDir: string, workId: number) => path.join(dataDir, 'cache', 'downloads', String(workId));
const filesOf = (dataDir: string, workId: number) => {
  const dir = cacheDirOf(dataDir, workId);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

forEachDatabase('download build bounds', (t) => {
  let dataDir: string;
  let user: User;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-build-bounds-'));
    user = await makeUser(t.db);
  });
  afterAll(() => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers other requests while a PDF of one very long word is built', async () => {
    const config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: dataDir });
    // Over real sockets: in-process requests on SQLite never wait on I/O, so they would run ahead of any build.
    const server = serve({ fetch: createApp({ db: t.db, config }).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const longWork = await makeWork(t.db, user, {
        title: 'One Long Wave',
        chapters: [chapter(`<p>Before ${LONG_WORD} after.</p>`)],
      });
      const shortWork = await makeWork(t.db, user, { title: 'A Short Walk' });
      // A first, short PDF: its code is loaded before the long one, so the long build starts at once.
      expect((await fetch(`${origin}/downloads/${shortWork}/A_Short_Walk.pdf`)).status).toBe(200);
      const pdf = fetch(`${origin}/downloads/${longWork}/One_Long_Wave.pdf`).then(async (response) => ({
        status: response.status,
        head: Buffer.from(await response.arrayBuffer()).subarray(0, 5),
      }));
      // The build has begun once the work's cache folder exists, and is over once its PDF is there.
      while (!fs.existsSync(cacheDirOf(dataDir, longWork))) await new Promise((resolve) => setImmediate(resolve));
      const isBuilt = () => filesOf(dataDir, longWork).some((name) => name.endsWith('.pdf') && !name.startsWith('.'));
      // Pages asked for one after another: a server laying the PDF out on its own thread answers none meanwhile.
      let pagesWhileBuilding = 0;
      while (pagesWhileBuilding < PAGES && !isBuilt()) {
        const page = await fetch(`${origin}/works/${shortWork}`);
        expect(page.status).toBe(200);
        await page.arrayBuffer();
        if (!isBuilt()) pagesWhileBuilding++;
      }
      expect(pagesWhileBuilding).toBe(PAGES);
      expect(isBuilt()).toBe(false);
      const built = await pdf;
      expect(built.status).toBe(200);
      expect(built.head.toString('latin1')).toBe('%PDF-');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 120_000);

  it('answers 503 "could not be made", caching nothing, when a build goes over its time bound', async () => {
    const guest = guestOf(t.db, dataDir, { QUIRE_DOWNLOAD_BUILD_SECONDS: '0.001' });
    const id = await makeWork(t.db, user, { title: 'Too Slow To Bind', chapters: [chapter(`<p>${LONG_WORD}</p>`)] });
    for (const format of ['pdf', 'epub']) {
      const response = await guest.get(`/downloads/${id}/Too_Slow_To_Bind.${format}`);
      expect(response.status).toBe(503);
      const page = await response.text();
      expect(page).toContain('This download could not be made');
      expect(page).toContain('took longer than 0.001 seconds');
    }
    expect(filesOf(dataDir, id)).toEqual([]);
    // The bound is the build's, not the work's: cheap formats are still made.
    expect((await guest.get(`/downloads/${id}/Too_Slow_To_Bind.txt`)).status).toBe(200);
  });

  it('answers 503 when a build goes over its memory bound', async () => {
    const guest = guestOf(t.db, dataDir, { QUIRE_DOWNLOAD_BUILD_MEMORY_MB: '2' });
    const id = await makeWork(t.db, user, { title: 'Too Heavy', chapters: [chapter(`<p>${LONG_WORD}</p>`)] });
    const response = await guest.get(`/downloads/${id}/Too_Heavy.pdf`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('more than the 2 MB of memory');
    expect(filesOf(dataDir, id)).toEqual([]);
  }, 60_000);
});
