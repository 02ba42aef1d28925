/**
 * A collection's icon: its maintainers upload one (re-encoded by the server into a 100×100 WebP, stored under
 * the data folder's collection-icons/), the collection page shows it to everyone, a non-image is refused with
 * the reason, others may not change it, and removing it removes the file; each change is in the audit log.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { iconFolder } from '../users/pseud-icons.ts';
import { COLLECTION_ICON_FOLDER } from './icon.tsx';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-collection-icons-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function iconForm(values: Record<string, string>, file?: { bytes: Uint8Array; name: string; type: string }) {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) form.append(key, value);
  if (file) form.append('icon', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return form;
}

forEachDatabase('collection icons', (t) => {
  it('a maintainer gives the collection an icon, shown to guests, and removes it; others may not', async () => {
    const app = makeTestApp(t.db, { dataDir });
    const [owner, stranger] = await Promise.all([makeUser(t.db), makeUser(t.db)]);
    const ownerB = new Browser(app);
    const strangerB = new Browser(app);
    const guest = new Browser(app);
    await signIn(ownerB, t.db, owner);
    await signIn(strangerB, t.db, stranger);
    const name = `lighthouse_${t.test.dialect}`;
    expect((await ownerB.post('/collections/new', { name, title: 'Lighthouse Week' })).status).toBe(303);
    const row = () =>
      t.db
        .selectFrom('collections')
        .select(['id', 'icon_file', 'icon_alt'])
        .where('name', '=', name)
        .executeTakeFirstOrThrow();

    expect(await ownerB.page(`/collections/${name}/edit`)).toContain('enctype="multipart/form-data"');
    const png = await sharp({ create: { width: 300, height: 180, channels: 3, background: '#e0a030' } })
      .png()
      .toBuffer();
    const file = { bytes: png, name: 'lamp.png', type: 'image/png' };

    const refused = await strangerB.postMultipart(`/collections/${name}/icon`, iconForm({ icon_alt: 'A lamp' }, file));
    expect(refused.status).toBe(403);
    expect((await row()).icon_file).toBeNull();

    const notImage = { bytes: new TextEncoder().encode('not a picture'), name: 'lamp.png', type: 'image/png' };
    const bad = await ownerB.postMultipart(`/collections/${name}/icon`, iconForm({ icon_alt: 'A lamp' }, notImage));
    expect(bad.status).toBe(303);
    expect(await ownerB.page(`/collections/${name}/edit`)).toContain('The icon must be a PNG, JPEG or WebP image.');
    expect((await row()).icon_file).toBeNull();

    const saved = await ownerB.postMultipart(`/collections/${name}/icon`, iconForm({ icon_alt: 'A lamp' }, file));
    expect(saved.status).toBe(303);
    const { id, icon_file: stored, icon_alt } = await row();
    expect(stored).toMatch(new RegExp(`^${id}-[0-9a-f]{16}\\.webp$`));
    expect(icon_alt).toBe('A lamp');
    const onDisk = path.join(iconFolder(dataDir, COLLECTION_ICON_FOLDER), stored!);
    const meta = await sharp(fs.readFileSync(onDisk)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 100, 100]);

    const page = await guest.page(`/collections/${name}`);
    expect(page).toContain(`<img class="collection-icon" src="/collection-icons/${stored}" alt="A lamp"`);
    const served = await guest.get(`/collection-icons/${stored}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');

    const removed = await ownerB.postMultipart(`/collections/${name}/icon`, iconForm({ remove_icon: '1' }));
    expect(removed.status).toBe(303);
    expect((await row()).icon_file).toBeNull();
    expect(fs.existsSync(onDisk)).toBe(false);
    expect((await guest.get(`/collection-icons/${stored}`)).status).toBe(404);

    const log = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'collection')
      .where('target_id', '=', id)
      .where('action', '=', 'collection.icon')
      .execute();
    expect(log).toHaveLength(2);
  });
});
