import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, expect, it } from 'vitest';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn, TEST_PASSWORD } from '../../test/support/factories.ts';
import { fieldError } from '../../test/support/post-form.ts';
import type { User } from '../accounts/accounts.table.ts';
import { createPseud, findDefaultPseud } from '../accounts/queries.ts';
import { backgroundHandlers } from '../background.ts';
import { loadConfig } from '../config.ts';
import { runPendingJobs } from '../jobs/runner.ts';
import { createMailer } from '../mail/mailer.ts';
import { MAX_BODY_BYTES } from '../server.ts';
import { ICON_MESSAGES, iconFolder } from './pseud-icons.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-icons-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const picture = (format: 'png' | 'jpeg' | 'webp') => {
  const image = sharp({ create: { width: 320, height: 200, channels: 3, background: '#2a6f97' } });
  // The JPEG carries EXIF, as a phone photo would; the stored icon must not.
  if (format === 'jpeg')
    return image
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Test Camera' } })
      .toBuffer();
  return image[format]().toBuffer();
};

function iconForm(values: Record<string, string>, file?: { bytes: Uint8Array; name: string; type: string }) {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) form.append(key, value);
  if (file) form.append('icon', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return form;
}

forEachDatabase('pseud icons', (t) => {
  const app = () => makeTestApp(t.db, { dataDir });
  const runJobs = () => {
    const config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: dataDir });
    return runPendingJobs(t.db, backgroundHandlers({ config, mailer: createMailer(config, () => {}) }));
  };
  const iconOf = async (pseudId: number) =>
    t.db.selectFrom('pseuds').select(['icon_file', 'icon_alt']).where('id', '=', pseudId).executeTakeFirstOrThrow();
  const stored = (file: string) => path.join(iconFolder(dataDir), file);

  async function signedIn(user: User) {
    const browser = new Browser(app());
    await signIn(browser, t.db, user);
    return browser;
  }

  for (const format of ['png', 'jpeg', 'webp'] as const) {
    it(`stores a ${format.toUpperCase()} as a 100×100 WebP without metadata, served and shown where the pseud is`, async () => {
      const user = await makeUser(t.db, { username: `icon-${format}` });
      const pseud = await findDefaultPseud(t.db, user.id);
      const browser = await signedIn(user);
      const bytes = await picture(format);
      if (format === 'jpeg') expect((await sharp(bytes).metadata()).exif).toBeDefined();
      const upload = await browser.postMultipart(
        `/users/icon-${format}/pseuds/${pseud.id}/edit`,
        iconForm(
          { name: pseud.name, description: '', is_default: '1', icon_alt: 'A blue square' },
          { bytes, name: `me.${format === 'jpeg' ? 'jpg' : format}`, type: `image/${format}` },
        ),
      );
      expect(upload.status).toBe(303);
      const { icon_file, icon_alt } = await iconOf(pseud.id);
      expect(icon_alt).toBe('A blue square');
      expect(icon_file).toMatch(new RegExp(`^${pseud.id}-[0-9a-f]{16}\\.webp$`));
      const meta = await sharp(fs.readFileSync(stored(icon_file!))).metadata();
      expect(meta).toMatchObject({ format: 'webp', width: 100, height: 100 });
      expect(meta.exif).toBeUndefined();

      const guest = new Browser(app());
      const served = await guest.get(`/pseud-icons/${icon_file}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/webp');
      expect(served.headers.get('cache-control')).toContain('immutable');
      expect(Buffer.from(await served.arrayBuffer()).equals(fs.readFileSync(stored(icon_file!)))).toBe(true);
      const img = `src="/pseud-icons/${icon_file}" alt="A blue square"`;
      expect(await guest.page(`/users/icon-${format}`)).toContain(img);
      expect(await guest.page(`/users/icon-${format}/pseuds/${pseud.name}/works`)).toContain(img);
      expect(await guest.page(`/users/icon-${format}/pseuds`)).toContain(img);

      const other = await makeUser(t.db);
      const workId = await makeWork(t.db, other);
      const comment = await browser.post(`/works/${workId}/comments`, {
        body: 'The lantern scene!',
        pseud_id: String(pseud.id),
      });
      expect(comment.status).toBe(303);
      expect(await guest.page(`/works/${workId}/comments`)).toContain(img);
    });
  }

  it('refuses an oversized file, a text file named .png and an icon without alt text, beside the field', async () => {
    const user = await makeUser(t.db, { username: 'icon-refused' });
    const pseud = await findDefaultPseud(t.db, user.id);
    const browser = await signedIn(user);
    const edit = `/users/icon-refused/pseuds/${pseud.id}/edit`;
    const big = await sharp({
      create: {
        width: 700,
        height: 700,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    expect(big.byteLength).toBeGreaterThan(500 * 1024);
    const cases = [
      { file: { bytes: big, name: 'big.png', type: 'image/png' }, alt: 'Static', field: 'icon', message: 'KB' },
      {
        file: { bytes: new TextEncoder().encode('not a picture at all'), name: 'fake.png', type: 'image/png' },
        alt: 'Fake',
        field: 'icon',
        message: ICON_MESSAGES.notImage,
      },
      {
        file: { bytes: await picture('png'), name: 'ok.png', type: 'image/png' },
        alt: '  ',
        field: 'icon_alt',
        message: ICON_MESSAGES.altMissing,
      },
    ];
    for (const { file, alt, field, message } of cases) {
      const response = await browser.postMultipart(
        edit,
        iconForm({ name: 'Renamed Too', description: 'Kept text', is_default: '1', icon_alt: alt }, file),
      );
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(fieldError(html, field)).toContain(message);
      expect(html).toContain('value="Renamed Too"'); // what was typed stays
      expect(html).toContain('Kept text');
    }
    expect(
      fieldError(
        await (await browser.postMultipart(edit, iconForm({ name: pseud.name, icon_alt: 'x' }, cases[0].file))).text(),
        'icon',
      ),
    ).toBe(ICON_MESSAGES.tooLarge(big.byteLength));
    expect(await iconOf(pseud.id)).toEqual({ icon_file: null, icon_alt: null });
    expect(
      (await t.db.selectFrom('pseuds').select('name').where('id', '=', pseud.id).executeTakeFirstOrThrow()).name,
    ).toBe('icon-refused');
  });

  it('answers a multipart body over the request limit with a clear 413, not a crash', async () => {
    const user = await makeUser(t.db, { username: 'icon-huge' });
    const pseud = await findDefaultPseud(t.db, user.id);
    const browser = await signedIn(user);
    const huge = new Uint8Array(MAX_BODY_BYTES + 1024);
    const response = await browser.postMultipart(
      `/users/icon-huge/pseuds/${pseud.id}/edit`,
      iconForm({ name: pseud.name, icon_alt: 'Huge' }, { bytes: huge, name: 'huge.png', type: 'image/png' }),
    );
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('Too much at once');
  });

  it('replaces and removes an icon, and deleting the pseud or the account removes its file', async () => {
    const user = await makeUser(t.db, { username: 'icon-goes' });
    const main = await findDefaultPseud(t.db, user.id);
    const second = (await createPseud(t.db, user.id, { name: 'Second Lamp', description: '' }))!;
    const browser = await signedIn(user);
    const give = async (pseudId: number, name: string) => {
      const response = await browser.postMultipart(
        `/users/icon-goes/pseuds/${pseudId}/edit`,
        iconForm(
          { name, icon_alt: 'A lamp', ...(pseudId === main.id ? { is_default: '1' } : {}) },
          { bytes: await picture('png'), name: 'lamp.png', type: 'image/png' },
        ),
      );
      expect(response.status).toBe(303);
      return (await iconOf(pseudId)).icon_file!;
    };

    const first = await give(main.id, main.name);
    const replaced = await give(main.id, main.name);
    expect(replaced).not.toBe(first);
    await runJobs();
    expect(fs.existsSync(stored(first))).toBe(false);
    expect(fs.existsSync(stored(replaced))).toBe(true);

    // Alt text alone changes without a new file; an icon already there needs no upload.
    const altOnly = await browser.postMultipart(
      `/users/icon-goes/pseuds/${main.id}/edit`,
      iconForm({ name: main.name, is_default: '1', icon_alt: 'A brass lamp' }),
    );
    expect(altOnly.status).toBe(303);
    expect(await iconOf(main.id)).toEqual({ icon_file: replaced, icon_alt: 'A brass lamp' });

    const removed = await browser.postMultipart(
      `/users/icon-goes/pseuds/${main.id}/edit`,
      iconForm({ name: main.name, is_default: '1', remove_icon: '1', icon_alt: '' }),
    );
    expect(removed.status).toBe(303);
    expect(await iconOf(main.id)).toEqual({ icon_file: null, icon_alt: null });
    await runJobs();
    expect(fs.existsSync(stored(replaced))).toBe(false);
    expect((await new Browser(app()).get(`/pseud-icons/${replaced}`)).status).toBe(404);

    const secondIcon = await give(second.id, second.name);
    expect((await browser.post(`/users/icon-goes/pseuds/${second.id}/delete`, { works: 'orphan-drop' })).status).toBe(
      303,
    );
    await runJobs();
    expect(fs.existsSync(stored(secondIcon))).toBe(false);

    const last = await give(main.id, main.name);
    const deleted = await browser.post('/users/icon-goes/delete', { own_works: 'orphan', password: TEST_PASSWORD });
    expect(deleted.status).toBe(303);
    expect(fs.existsSync(stored(last))).toBe(true); // until the event is delivered, after commit
    await runJobs();
    expect(fs.existsSync(stored(last))).toBe(false);
  });
});
