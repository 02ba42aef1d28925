import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { chapter, makeUser, makeWork } from '../../test/support/factories.ts';
import type { User } from '../accounts/accounts.table.ts';
import { tagSlug } from '../tags/names.ts';
import { createCredential } from '../accounts/credentials.ts';
import { insertTagSet } from '../tag-sets/queries.ts';
import { insertCollection } from '../collections/queries.ts';
import { shapeProblems, type Components, type JsonSchema } from './json-shape.test-helper.ts';

interface Operation {
  summary?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: JsonSchema }>;
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
}
type Document = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Components; securitySchemes: Record<string, unknown> };
};

const METHODS = ['get', 'post', 'patch', 'put', 'delete'];

function operations(doc: Document) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] })),
  );
}

function refsIn(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap(refsIn);
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refsIn(v)));
}

forEachDatabase('the OpenAPI document', (t) => {
  let doc: Document;
  let writer: User;
  let token: string;
  const samples: Record<string, string> = {};

  beforeAll(async () => {
    writer = await makeUser(t.db, { username: `docwriter${process.pid}` });
    const workId = await makeWork(t.db, writer, {
      title: 'The Lantern Almanac',
      freeforms: ['Found Family'],
      expectedChapters: 2,
      chapters: [chapter('<p>First the harbour.</p>'), chapter('<p>Then the hills.</p>')],
    });
    const firstChapter = await t.db
      .selectFrom('chapters')
      .select('id')
      .where('work_id', '=', workId)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    Object.assign(samples, {
      id: String(workId),
      chapterId: String(firstChapter.id),
      slug: tagSlug('Found Family'),
      name: writer.username,
      pseud: writer.username,
      q: 'lantern',
      tagSetId: String(
        await insertTagSet(
          t.db,
          {
            title: 'Lantern Swap',
            description: '',
            isVisible: true,
            isUsable: true,
            areNominationsOpen: false,
            fandomLimit: 0,
            characterLimit: 0,
            relationshipLimit: 0,
          },
          writer.id,
        ),
      ),
    });
    samples.collection = `docs_${process.pid}`;
    await insertCollection(
      t.db,
      writer.id,
      {
        name: samples.collection,
        title: 'Lantern Fest',
        description: '',
        introduction: '',
        rules: '',
        faq: '',
        isClosed: false,
        isModerated: false,
        isMembersOnly: false,
        isUnrevealed: false,
        isAnonymous: false,
        parentId: null,
      },
      new Date(),
    );
    token = (await createCredential(t.db, writer.id, 'docs test', 'read')).secret;
    const response = await new Browser(makeTestApp(t.db)).get('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    doc = (await response.json()) as Document;
  });

  it('is OpenAPI 3.1 with a bearer scheme, and every operation documents its responses', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBe('Quire API');
    expect(doc.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThanOrEqual(15);
    for (const { path, method, op } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.summary, where).toBeTruthy();
      expect(Object.keys(op.responses).length, where).toBeGreaterThan(0);
      for (const [status, response] of Object.entries(op.responses)) {
        expect(status, where).toMatch(/^[1-5]\d\d$/);
        expect(response.description, `${where} ${status}`).toBeTruthy();
      }
      // Every {param} in the path is declared as a required path parameter.
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        expect(op.parameters?.find((p) => p.in === 'path' && p.name === name)?.required, `${where} {${name}}`).toBe(
          true,
        );
      }
    }
  });

  it('has every $ref resolve to a component schema', () => {
    const names = new Set(Object.keys(doc.components.schemas).map((n) => `#/components/schemas/${n}`));
    for (const ref of refsIn(doc)) expect(names.has(ref), ref).toBe(true);
  });

  it('answers every GET as documented: the status, the media type and the shape of the body', async () => {
    const browser = new Browser(makeTestApp(t.db));
    const gets = operations(doc).filter((o) => o.method === 'get');
    expect(gets.map((o) => o.path)).toEqual(
      expect.arrayContaining(['/works', '/works/{id}', '/tags/{slug}', '/users/{name}', '/search']),
    );
    for (const { path, op } of gets) {
      const url = new URL(`http://x/api/v1${path.replace(/\{(\w+)\}/g, (_, name: string) => samples[name])}`);
      for (const p of op.parameters ?? [])
        if (p.in === 'query' && p.required) url.searchParams.set(p.name, samples[p.name]);
      const response = await browser.request(`${url.pathname}${url.search}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const where = `GET ${path}`;
      expect(response.status, where).toBe(200);
      const documented = op.responses['200'];
      expect(documented, where).toBeDefined();
      const [mediaType, media] = Object.entries(documented.content!)[0];
      expect(response.headers.get('content-type'), where).toContain(mediaType);
      const body = await response.json();
      expect(shapeProblems(body, media.schema, doc.components.schemas), where).toEqual([]);
    }
  });

  it('documents the refusals it gives: writes without a token are 401 problems', async () => {
    const browser = new Browser(makeTestApp(t.db));
    const writes = operations(doc).filter((o) => o.method !== 'get');
    expect(writes.length).toBeGreaterThanOrEqual(6);
    for (const { path, method, op } of writes) {
      const url = `/api/v1${path.replace(/\{(\w+)\}/g, (_, name: string) => samples[name])}`;
      const response = await browser.request(url, {
        method: method.toUpperCase(),
        headers: { 'content-type': 'application/json' },
        body: method === 'delete' ? undefined : '{}',
      });
      const where = `${method.toUpperCase()} ${path}`;
      expect(response.status, where).toBe(401);
      expect(op.responses['401'], where).toBeDefined();
      expect(response.headers.get('content-type'), where).toBe('application/problem+json');
      const problem = op.responses['401'].content!['application/problem+json'].schema;
      expect(shapeProblems(await response.json(), problem, doc.components.schemas), where).toEqual([]);
    }
  });

  it('renders a reference page listing every operation and schema, with no scripts', async () => {
    const html = await new Browser(makeTestApp(t.db)).page('/api/v1/docs');
    for (const { path, method } of operations(doc)) expect(html).toContain(`${method.toUpperCase()} /api/v1${path}`);
    for (const name of Object.keys(doc.components.schemas)) expect(html).toContain(`id="schema-${name}"`);
    expect(html).toContain('id="problem-invalid-input"');
    expect(html).not.toContain('<script');
  });
});
