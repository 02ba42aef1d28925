import { beforeAll, expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { decode, fieldError } from '../../test/support/post-form.ts';
import type { User } from '../accounts/accounts.table.ts';
import { findOrCreateTags } from '../tags/queries.ts';
import { COMMAND_LINE } from '../wrangling/command.ts';
import { makeCanonical } from '../wrangling/status-commands.ts';
import { makeSynonym } from '../wrangling/synonym-command.ts';
import { loadTagSetContents, tagsForChallenge } from './tag-set.ts';

const SETTINGS = {
  title: 'Winter Ferries',
  is_visible: '1',
  is_usable: '1',
  are_nominations_open: '1',
  fandom_limit: '2',
  character_limit: '2',
  relationship_limit: '1',
};

forEachDatabase('tag set nominations', (t) => {
  let owner: User;
  let fan: User;
  let other: User;
  let ownerBrowser: Browser;
  let fanBrowser: Browser;
  let otherBrowser: Browser;
  let setId: number;
  let base: string;

  const statuses = async (userId: number) =>
    (
      await t.db
        .selectFrom('tag_set_nominations as n')
        .innerJoin('tags', 'tags.id', 'n.tag_id')
        .select(['tags.name', 'n.status'])
        .where('n.tag_set_id', '=', setId)
        .where('n.user_id', '=', userId)
        .orderBy('tags.name')
        .execute()
    ).map((r) => `${r.name}: ${r.status}`);

  beforeAll(async () => {
    const app = makeTestApp(t.db);
    [owner, fan, other] = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db)];
    [ownerBrowser, fanBrowser, otherBrowser] = [new Browser(app), new Browser(app), new Browser(app)];
    await signIn(ownerBrowser, t.db, owner);
    await signIn(fanBrowser, t.db, fan);
    await signIn(otherBrowser, t.db, other);
    const created = await ownerBrowser.post('/tag_sets/new', SETTINGS);
    base = created.headers.get('location')!;
    setId = Number(base.split('/').pop());
    await ownerBrowser.post(`${base}/tags`, { kind: 'fandom', names: 'Snowbound Line' });
    const [canonicalId, synonymId] = await findOrCreateTags(t.db, ['Ice Road Tales', 'ice roads'], 'fandom');
    await makeCanonical(t.db, COMMAND_LINE, canonicalId);
    await makeSynonym(t.db, COMMAND_LINE, synonymId, canonicalId);
  });

  it('refuses nominations over the limits with field-level messages naming the limit, saving nothing', async () => {
    const form = await fanBrowser.page(`${base}/nominations/mine`);
    expect(form).toContain('name="fandom_1"');
    expect(form).not.toContain('name="fandom_2"');

    const over = await fanBrowser.post(`${base}/nominations/mine`, {
      fandom_0: 'Snowbound Line',
      characters_0: 'Conductor Pell, Ada Frost, Little Wren',
      relationships_0: 'Ada Frost/Conductor Pell, Ada Frost/Little Wren',
      fandom_1: 'Ice Road Tales',
      fandom_2: 'Glass Harbour',
    });
    expect(over.status).toBe(422);
    const html = await over.text();
    expect(fieldError(html, 'characters_0')).toBe(
      'Nominate at most 2 characters per fandom; you named 3 for Snowbound Line.',
    );
    expect(fieldError(html, 'relationships_0')).toBe(
      'Nominate at most 1 relationship per fandom; you named 2 for Snowbound Line.',
    );
    expect(fieldError(html, 'fandom_2')).toBe('Nominate at most 2 fandoms; you named 3.');
    expect(decode(html)).toContain('value="Conductor Pell, Ada Frost, Little Wren"');
    expect(await statuses(fan.id)).toEqual([]);

    const orphan = await fanBrowser.post(`${base}/nominations/mine`, { fandom_0: '', characters_0: 'Ada Frost' });
    expect(fieldError(await orphan.text(), 'fandom_0')).toBe(
      'Name the fandom these characters and relationships belong to.',
    );
  });

  it('saves nominations within the limits: a synonym nominates its canonical, a tag in the set is approved', async () => {
    const saved = await fanBrowser.post(`${base}/nominations/mine`, {
      fandom_0: 'Snowbound Line',
      characters_0: 'Conductor Pell, Ada Frost',
      relationships_0: 'Ada Frost/Conductor Pell',
      fandom_1: 'ice roads',
      characters_1: 'Driver Oskar',
    });
    expect(saved.status).toBe(303);
    expect(await statuses(fan.id)).toEqual([
      'Ada Frost: pending',
      'Ada Frost/Conductor Pell: pending',
      'Conductor Pell: pending',
      'Driver Oskar: pending',
      'Ice Road Tales: pending',
      'Snowbound Line: approved',
    ]);
    // The nominator sees and edits their own: the form comes back filled in, and saving again replaces it.
    const form = decode(await fanBrowser.page(`${base}/nominations/mine`));
    expect(form).toContain('value="Ice Road Tales"');
    expect(form).toContain('value="Conductor Pell, Ada Frost"');
    await fanBrowser.post(`${base}/nominations/mine`, {
      fandom_0: 'Snowbound Line',
      characters_0: 'Conductor Pell, Ada Frost',
      relationships_0: 'Ada Frost/Conductor Pell',
      fandom_1: 'Ice Road Tales',
      characters_1: 'Driver Oskar, Mechanic June',
    });
    expect(await statuses(fan.id)).toContain('Mechanic June: pending');
    expect(await statuses(fan.id)).toHaveLength(7);
  });

  it('lets only maintainers review, and approves or rejects the ticked nominations in bulk', async () => {
    expect((await fanBrowser.get(`${base}/nominations`)).status).toBe(403);
    expect((await fanBrowser.post(`${base}/nominations/review`, { decision: 'approve' })).status).toBe(403);

    const review = decode(await ownerBrowser.page(`${base}/nominations`));
    expect(review).toContain('Driver Oskar');
    const pending = await t.db
      .selectFrom('tag_set_nominations as n')
      .innerJoin('tags', 'tags.id', 'n.tag_id')
      .select(['n.id', 'tags.name'])
      .where('n.tag_set_id', '=', setId)
      .where('n.status', '=', 'pending')
      .execute();
    const idOf = (name: string) => String(pending.find((p) => p.name === name)!.id);
    const approved = await ownerBrowser.post(`${base}/nominations/review`, {
      decision: 'approve',
      nomination: ['Ice Road Tales', 'Driver Oskar', 'Conductor Pell', 'Ada Frost/Conductor Pell'].map(idOf),
    });
    expect(approved.status).toBe(303);
    const rejected = await ownerBrowser.post(`${base}/nominations/review`, {
      decision: 'reject',
      nomination: ['Ada Frost', 'Mechanic June'].map(idOf),
    });
    expect(rejected.status).toBe(303);
    expect(await statuses(fan.id)).toEqual([
      'Ada Frost: rejected',
      'Ada Frost/Conductor Pell: approved',
      'Conductor Pell: approved',
      'Driver Oskar: approved',
      'Ice Road Tales: approved',
      'Mechanic June: rejected',
      'Snowbound Line: approved',
    ]);
    // Approved nominations joined the set, each character under the fandom it was nominated for.
    expect(tagsForChallenge(await loadTagSetContents(t.db, setId)).byFandom).toEqual({
      'Ice Road Tales': { character: ['Driver Oskar'], relationship: [] },
      'Snowbound Line': { character: ['Conductor Pell'], relationship: ['Ada Frost/Conductor Pell'] },
    });
    expect(decode(await otherBrowser.page(base))).toContain('Driver Oskar');
  });

  it('approves at once a nomination of a tag already in the set', async () => {
    await otherBrowser.post(`${base}/nominations/mine`, { fandom_0: 'ice roads', characters_0: 'Driver Oskar' });
    expect(await statuses(other.id)).toEqual(['Driver Oskar: approved', 'Ice Road Tales: approved']);
  });

  it('refuses nominations once they are closed', async () => {
    await ownerBrowser.post(`${base}/edit`, { ...SETTINGS, are_nominations_open: undefined });
    expect((await otherBrowser.get(`${base}/nominations/mine`)).status).toBe(403);
    const late = await otherBrowser.post(`${base}/nominations/mine`, { fandom_0: 'Glass Harbour' });
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('Nominations for this tag set are closed.');
    expect(await statuses(other.id)).toHaveLength(2);
  });
});
