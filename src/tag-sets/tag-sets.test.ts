import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { decode, fieldError } from '../../test/support/post-form.ts';
import { tagNamed } from '../../test/support/tags.ts';
import type { User } from '../accounts/accounts.table.ts';
import { findOrCreateTags } from '../tags/queries.ts';
import { COMMAND_LINE } from '../wrangling/command.ts';
import { makeCanonical } from '../wrangling/status-commands.ts';
import { makeSynonym } from '../wrangling/synonym-command.ts';
import { can, type TagSetAccess } from './policy.ts';
import { loadTagSetContents, tagsForChallenge } from './tag-set.ts';

const SETTINGS = {
  title: 'Harbour Fest',
  description: '<p>Quiet <b>harbour</b> stories.</p><script>alert(1)</script>',
  is_visible: '1',
  is_usable: '1',
  fandom_limit: '2',
  character_limit: '2',
  relationship_limit: '1',
};

function setIdFrom(response: Response): number {
  const match = (response.headers.get('location') ?? '').match(/^\/tag_sets\/(\d+)$/);
  if (!match) throw new Error(`expected a redirect to /tag_sets/N, got ${response.status}`);
  return Number(match[1]);
}

describe('tag set policy', () => {
  const set: TagSetAccess = {
    isVisible: false,
    isUsable: true,
    areNominationsOpen: true,
    maintainerIds: [1, 2],
    ownerIds: [1],
  };
  it('lets maintainers edit, only owners manage maintainers, and hides a private set from others', () => {
    expect(can({ id: 2 }, 'edit', set)).toBe(true);
    expect(can({ id: 3 }, 'edit', set)).toBe(false);
    expect(can({ id: 2 }, 'manage-maintainers', set)).toBe(false);
    expect(can({ id: 1 }, 'manage-maintainers', set)).toBe(true);
    expect(can({ id: 3 }, 'view', set)).toBe(false);
    expect(can(null, 'view', { ...set, isVisible: true })).toBe(true);
    expect(can({ id: 3 }, 'nominate', set)).toBe(false);
    expect(can({ id: 3 }, 'nominate', { ...set, isVisible: true })).toBe(true);
    expect(can({ id: 3 }, 'use', set)).toBe(false);
  });
});

forEachDatabase('tag sets', (t) => {
  let owner: User;
  let helper: User;
  let stranger: User;
  let ownerBrowser: Browser;
  let helperBrowser: Browser;
  let strangerBrowser: Browser;
  let setId: number;

  beforeAll(async () => {
    const app = makeTestApp(t.db);
    owner = await makeUser(t.db);
    helper = await makeUser(t.db);
    stranger = await makeUser(t.db);
    ownerBrowser = new Browser(app);
    helperBrowser = new Browser(app);
    strangerBrowser = new Browser(app);
    await signIn(ownerBrowser, t.db, owner);
    await signIn(helperBrowser, t.db, helper);
    await signIn(strangerBrowser, t.db, stranger);
  });

  it('creates a set with a sanitized description, owned by its creator', async () => {
    const refused = await ownerBrowser.post('/tag_sets/new', { ...SETTINGS, title: ' ', fandom_limit: 'many' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(fieldError(html, 'title')).toBe('Give the tag set a title.');
    expect(fieldError(html, 'fandom_limit')).toBe('Give a whole number from 0 to 100.');

    const created = await ownerBrowser.post('/tag_sets/new', SETTINGS);
    expect(created.status).toBe(303);
    setId = setIdFrom(created);
    const row = await t.db.selectFrom('tag_sets').selectAll().where('id', '=', setId).executeTakeFirstOrThrow();
    expect(row.description).toContain('<b>harbour</b>');
    expect(row.description).not.toContain('script');
    const page = await strangerBrowser.page(`/tag_sets/${setId}`);
    expect(page).toContain('Harbour Fest');
    expect(page).not.toContain('Edit tag set');
    expect(await ownerBrowser.page(`/tag_sets/${setId}`)).toContain('Edit tag set');
  });

  it('lets only maintainers edit, and only owners add and remove co-maintainers', async () => {
    expect((await strangerBrowser.get(`/tag_sets/${setId}/edit`)).status).toBe(403);
    expect((await strangerBrowser.post(`/tag_sets/${setId}/edit`, { ...SETTINGS, title: 'Mine now' })).status).toBe(
      403,
    );
    expect((await strangerBrowser.post(`/tag_sets/${setId}/tags`, { kind: 'fandom', names: 'Spam' })).status).toBe(403);
    expect((await new Browser(makeTestApp(t.db)).get(`/tag_sets/${setId}/edit`)).status).toBe(303);

    const added = await ownerBrowser.post(`/tag_sets/${setId}/maintainers`, { username: helper.username });
    expect(added.status).toBe(303);
    const edited = await helperBrowser.post(`/tag_sets/${setId}/edit`, { ...SETTINGS, title: 'Harbour Fest 2' });
    expect(edited.status).toBe(303);
    const row = await t.db.selectFrom('tag_sets').select('title').where('id', '=', setId).executeTakeFirstOrThrow();
    expect(row.title).toBe('Harbour Fest 2');
    // A co-maintainer is no owner: they cannot add or remove maintainers.
    expect((await helperBrowser.post(`/tag_sets/${setId}/maintainers`, { username: stranger.username })).status).toBe(
      403,
    );
    const unknown = await ownerBrowser.post(`/tag_sets/${setId}/maintainers`, { username: 'nobody-here' });
    expect(fieldError(await unknown.text(), 'username')).toBe('There is no user called "nobody-here" here.');

    expect(
      (await ownerBrowser.post(`/tag_sets/${setId}/maintainers/remove`, { maintainer: String(helper.id) })).status,
    ).toBe(303);
    expect((await helperBrowser.get(`/tag_sets/${setId}/edit`)).status).toBe(403);
    await ownerBrowser.post(`/tag_sets/${setId}/maintainers`, { username: helper.username });
  });

  it('groups tags by kind, associates characters to fandoms, and resolves synonyms to canonicals', async () => {
    const [canonicalId, synonymId] = await findOrCreateTags(t.db, ['Lighthouse Keepers', 'lighthouse folk'], 'fandom');
    await makeCanonical(t.db, COMMAND_LINE, canonicalId);
    await makeSynonym(t.db, COMMAND_LINE, synonymId, canonicalId);

    const fandoms = await helperBrowser.post(`/tag_sets/${setId}/tags`, {
      kind: 'fandom',
      names: 'lighthouse folk, Tidewater Chronicles',
    });
    expect(fandoms.status).toBe(303);
    await helperBrowser.post(`/tag_sets/${setId}/tags`, {
      kind: 'character',
      names: 'Mira Vance, Old Tobin',
      fandom: 'Lighthouse Keepers',
    });
    await helperBrowser.post(`/tag_sets/${setId}/tags`, {
      kind: 'relationship',
      names: 'Mira Vance/Old Tobin',
      fandom: 'Tidewater Chronicles',
    });
    await helperBrowser.post(`/tag_sets/${setId}/tags`, { kind: 'freeform', names: 'Fog' });
    // Wrangling never put Mira in Tidewater; the set may.
    await helperBrowser.post(`/tag_sets/${setId}/tags`, {
      kind: 'character',
      names: 'Mira Vance',
      fandom: 'Tidewater Chronicles',
    });
    const wrongKind = await helperBrowser.post(`/tag_sets/${setId}/tags`, { kind: 'fandom', names: 'Old Tobin' });
    expect(wrongKind.status).toBe(422);
    expect(fieldError(await wrongKind.text(), 'names')).toBe('"Old Tobin" is a character tag, not a fandom.');

    const contents = await loadTagSetContents(t.db, setId);
    expect(contents.byKind.fandom.map((f) => f.name)).toEqual(['Lighthouse Keepers', 'Tidewater Chronicles']);
    expect(contents.byKind.character.map((f) => f.name)).toEqual(['Mira Vance', 'Old Tobin']);
    expect(tagsForChallenge(contents)).toEqual({
      tags: {
        fandom: ['Lighthouse Keepers', 'Tidewater Chronicles'],
        character: ['Mira Vance', 'Old Tobin'],
        relationship: ['Mira Vance/Old Tobin'],
        freeform: ['Fog'],
      },
      byFandom: {
        'Lighthouse Keepers': { character: ['Mira Vance', 'Old Tobin'], relationship: [] },
        'Tidewater Chronicles': { character: ['Mira Vance'], relationship: ['Mira Vance/Old Tobin'] },
      },
    });
    const page = decode(await strangerBrowser.page(`/tag_sets/${setId}`));
    expect(page).toContain('Tidewater Chronicles');
    expect(page).toContain('Mira Vance/Old Tobin');
    expect(page).not.toContain('lighthouse folk');

    const fog = await tagNamed(t.db, 'Fog');
    await helperBrowser.post(`/tag_sets/${setId}/tags/remove`, { tag: [String(fog.id)] });
    expect((await loadTagSetContents(t.db, setId)).byKind.freeform).toEqual([]);
  });

  it('hides a private set from everyone but its maintainers (404)', async () => {
    await ownerBrowser.post(`/tag_sets/${setId}/edit`, { ...SETTINGS, is_visible: undefined });
    expect((await strangerBrowser.get(`/tag_sets/${setId}`)).status).toBe(404);
    expect((await new Browser(makeTestApp(t.db)).get(`/tag_sets/${setId}`)).status).toBe(404);
    expect((await strangerBrowser.get(`/tag_sets/${setId}/nominations/mine`)).status).toBe(404);
    expect(await strangerBrowser.page('/tag_sets')).not.toContain('Harbour Fest');
    expect(await helperBrowser.page(`/tag_sets/${setId}`)).toContain('private');
    expect(await helperBrowser.page('/tag_sets')).toContain('Harbour Fest');
    await ownerBrowser.post(`/tag_sets/${setId}/edit`, SETTINGS);
    expect(await strangerBrowser.page('/tag_sets')).toContain('Harbour Fest');
  });
});
