/**
 * Pages leave compressed for a client that accepts gzip, say so in Vary so
 * caches keep both forms apart, and read back whole; a client that asks for
 * nothing gets the plain bytes.
 */
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';

forEachDatabase('compressed answers', (t) => {
  it('gzips a listing and a work page for a client that accepts it, with Vary: Accept-Encoding', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Compressed Lanterns' });
    const app = makeTestApp(t.db);
    for (const path of ['/works', `/works/${workId}`]) {
      const zipped = await app.request(path, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(zipped.status, path).toBe(200);
      expect(zipped.headers.get('content-encoding'), path).toBe('gzip');
      expect(zipped.headers.get('vary') ?? '', path).toMatch(/accept-encoding/i);
      const html = gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8');
      expect(html, path).toContain('Compressed Lanterns');

      const plain = await app.request(path);
      expect(plain.headers.get('content-encoding'), path).toBeNull();
      expect(await plain.text(), path).toBe(html);
    }
  });
});
