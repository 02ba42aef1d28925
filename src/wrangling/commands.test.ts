import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { filterTagsOf, tagNamed, worksUnder } from '../../test/support/tags.ts';
import { verifyFilterTags } from '../indexing/verify-filter-tags.ts';
import { WranglingError, type Actor } from './command.ts';
import { addMetaTag, attachParent, detachParent, removeMetaTag } from './link-commands.ts';
import { listWranglingActions } from './queries.ts';
import { changeKind, createCanonicalTag, makeCanonical, markUnwrangleable, renameTag } from './status-commands.ts';
import { findWorks } from '../search/find-works.ts';
import { parseFilters } from '../search/form.ts';
import { makeSynonym } from './synonym-command.ts';

const actor: Actor = { userId: null, name: 'test wrangler' };

forEachDatabase('wrangling commands', (t) => {
  const id = async (name: string) => (await tagNamed(t.db, name)).id;

  it('make canonical: works tagged with it are found under it, and the action is logged', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, { characters: ['Fantine'] });
    expect(await worksUnder(t.db, 'Fantine')).toEqual([]);
    const outcome = await makeCanonical(t.db, actor, await id('Fantine'));
    expect(outcome).toMatchObject({ changed: true, message: '"Fantine" is now a canonical Character.' });
    expect(await worksUnder(t.db, 'Fantine')).toEqual([workId]);
    const [entry] = await listWranglingActions(t.db, await id('Fantine'));
    expect(entry).toMatchObject({
      action: 'make canonical',
      before: 'unwrangled Character',
      after: 'canonical Character',
      actor_name: 'test wrangler',
    });
    expect((await makeCanonical(t.db, actor, await id('Fantine'))).changed).toBe(false);
  });

  it('a work tagged only with a synonym of a sub tag is found under the meta tag and its canonical', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, { freeforms: ['coffee shop au'] });
    const other = await makeWork(t.db, user, { freeforms: ['Alternate Universe - Coffee Shops & Cafés'] });
    await makeCanonical(t.db, actor, await id('Alternate Universe - Coffee Shops & Cafés'));
    await createCanonicalTag(t.db, actor, 'Alternate Universe', 'freeform');
    await addMetaTag(
      t.db,
      actor,
      await id('Alternate Universe - Coffee Shops & Cafés'),
      await id('Alternate Universe'),
    );
    expect(await worksUnder(t.db, 'Alternate Universe')).toEqual([other]);
    await makeSynonym(t.db, actor, await id('coffee shop au'), await id('Alternate Universe - Coffee Shops & Cafés'));
    expect(await worksUnder(t.db, 'Alternate Universe')).toEqual([workId, other]);
    expect(await filterTagsOf(t.db, workId)).toEqual(
      expect.arrayContaining(['Alternate Universe', 'Alternate Universe - Coffee Shops & Cafés']),
    );
    expect(await filterTagsOf(t.db, workId)).not.toContain('coffee shop au');

    await removeMetaTag(
      t.db,
      actor,
      await id('Alternate Universe - Coffee Shops & Cafés'),
      await id('Alternate Universe'),
    );
    expect(await worksUnder(t.db, 'Alternate Universe')).toEqual([]);
  });

  it('refuses a meta tag loop and names the path', async () => {
    for (const name of ['Angst', 'Hurt/Comfort', 'Whump']) await createCanonicalTag(t.db, actor, name, 'freeform');
    await addMetaTag(t.db, actor, await id('Hurt/Comfort'), await id('Angst'));
    await addMetaTag(t.db, actor, await id('Whump'), await id('Hurt/Comfort'));
    const refusal = addMetaTag(t.db, actor, await id('Angst'), await id('Whump'));
    await expect(refusal).rejects.toThrow(WranglingError);
    await expect(refusal).rejects.toThrow('"Angst" is already above it (Angst > Hurt/Comfort > Whump)');
    await expect(addMetaTag(t.db, actor, await id('Angst'), await id('Angst'))).rejects.toThrow('its own meta tag');
    const links = await t.db
      .selectFrom('meta_taggings')
      .select('sub_tag_id')
      .where('sub_tag_id', '=', await id('Angst'))
      .execute();
    expect(links).toEqual([]);
  });

  it('infers the fandom from a wrangled relationship, and drops it when detached', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, { fandoms: [], relationships: ['Enjolras/Grantaire'] });
    await createCanonicalTag(t.db, actor, 'Les Misérables - Victor Hugo', 'fandom');
    await makeCanonical(t.db, actor, await id('Enjolras/Grantaire'));
    expect(await worksUnder(t.db, 'Les Misérables - Victor Hugo')).toEqual([]);
    await attachParent(t.db, actor, await id('Enjolras/Grantaire'), await id('Les Misérables - Victor Hugo'));
    expect(await worksUnder(t.db, 'Les Misérables - Victor Hugo')).toEqual([workId]);
    await detachParent(t.db, actor, await id('Enjolras/Grantaire'), await id('Les Misérables - Victor Hugo'));
    expect(await worksUnder(t.db, 'Les Misérables - Victor Hugo')).toEqual([]);
  });

  it('refuses parent links the kinds do not allow', async () => {
    await createCanonicalTag(t.db, actor, 'Books & Literature', 'media');
    await createCanonicalTag(t.db, actor, 'Cosette', 'character');
    await expect(attachParent(t.db, actor, await id('Cosette'), await id('Books & Literature'))).rejects.toThrow(
      'A Character can be attached to a Fandom, not to a Media',
    );
  });

  it('making a canonical a synonym moves its synonyms, meta tags and fandoms to the canonical', async () => {
    const user = await makeUser(t.db);
    await createCanonicalTag(t.db, actor, 'Pride and Prejudice - Jane Austen', 'fandom');
    await createCanonicalTag(t.db, actor, 'Elizabeth Bennet', 'character');
    await createCanonicalTag(t.db, actor, 'Lizzy Bennet', 'character');
    await createCanonicalTag(t.db, actor, 'Bennet Sisters', 'character');
    const workId = await makeWork(t.db, user, { fandoms: [], characters: ['Lizzie'] });
    await makeSynonym(t.db, actor, await id('Lizzie'), await id('Lizzy Bennet'));
    await attachParent(t.db, actor, await id('Lizzy Bennet'), await id('Pride and Prejudice - Jane Austen'));
    await addMetaTag(t.db, actor, await id('Lizzy Bennet'), await id('Bennet Sisters'));
    expect(await filterTagsOf(t.db, workId)).toEqual(
      expect.arrayContaining(['Lizzy Bennet', 'Bennet Sisters', 'Pride and Prejudice - Jane Austen']),
    );

    const outcome = await makeSynonym(t.db, actor, await id('Lizzy Bennet'), await id('Elizabeth Bennet'));
    expect(outcome.message).toContain(
      '"Lizzy Bennet" is now a synonym of "Elizabeth Bennet"; moved 1 synonym(s), 1 meta/sub link(s), 1 parent/child link(s)',
    );
    const lizzie = await tagNamed(t.db, 'Lizzie');
    expect(lizzie.synonym_of_id).toBe(await id('Elizabeth Bennet'));
    expect(await filterTagsOf(t.db, workId)).toEqual([
      'Bennet Sisters',
      'Elizabeth Bennet',
      'General Audiences',
      'No Archive Warnings Apply',
      'Pride and Prejudice - Jane Austen',
    ]);
    expect((await tagNamed(t.db, 'Lizzy Bennet')).is_canonical).toBe(0);
  });

  it('refuses a synonym of a non-canonical tag or of another kind', async () => {
    const user = await makeUser(t.db);
    await makeWork(t.db, user, { characters: ['Sherlock'], relationships: ['Holmes/Watson'] });
    await createCanonicalTag(t.db, actor, 'Sherlock Holmes', 'character');
    await makeSynonym(t.db, actor, await id('Sherlock'), await id('Sherlock Holmes'));
    await expect(makeSynonym(t.db, actor, await id('Holmes/Watson'), await id('Sherlock'))).rejects.toThrow(
      '"Sherlock" is itself a synonym of "Sherlock Holmes"',
    );
    await expect(makeSynonym(t.db, actor, await id('Holmes/Watson'), await id('Sherlock Holmes'))).rejects.toThrow(
      'a synonym must be of the same kind',
    );
    await expect(makeSynonym(t.db, actor, await id('Mature'), await id('Sherlock Holmes'))).rejects.toThrow('fixed');
  });

  it('change kind re-derives: a relationship in a fandom turned Additional Tag no longer brings the fandom', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, { fandoms: [], relationships: ['Holmes & Watson friendship'] });
    await createCanonicalTag(t.db, actor, 'Sherlock Holmes - Arthur Conan Doyle', 'fandom');
    await makeCanonical(t.db, actor, await id('Holmes & Watson friendship'));
    await attachParent(
      t.db,
      actor,
      await id('Holmes & Watson friendship'),
      await id('Sherlock Holmes - Arthur Conan Doyle'),
    );
    expect(await worksUnder(t.db, 'Sherlock Holmes - Arthur Conan Doyle')).toEqual([workId]);
    await changeKind(t.db, actor, await id('Holmes & Watson friendship'), 'freeform');
    expect((await tagNamed(t.db, 'Holmes & Watson friendship')).kind).toBe('freeform');
    expect(await worksUnder(t.db, 'Sherlock Holmes - Arthur Conan Doyle')).toEqual([]);
    await expect(changeKind(t.db, actor, await id('Holmes & Watson friendship'), 'media')).rejects.toThrow(
      'cannot stay linked',
    );
  });

  it('an Unsorted tag gets a kind, then becomes canonical', async () => {
    const [tagId] = await import('../tags/queries.ts').then((q) =>
      q.findOrCreateTags(t.db, ['Baker Street'], 'unsorted'),
    );
    await expect(makeCanonical(t.db, actor, tagId)).rejects.toThrow('has no kind yet');
    await changeKind(t.db, actor, tagId, 'freeform');
    expect((await makeCanonical(t.db, actor, tagId)).changed).toBe(true);
  });

  it('mark unwrangleable takes a tag out of filtering; undo puts it back in the bins', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, { freeforms: ['i wrote this at 3am'] });
    await makeCanonical(t.db, actor, await id('i wrote this at 3am'));
    expect(await worksUnder(t.db, 'i wrote this at 3am')).toEqual([workId]);
    await markUnwrangleable(t.db, actor, await id('i wrote this at 3am'));
    expect(await tagNamed(t.db, 'i wrote this at 3am')).toMatchObject({ is_unwrangleable: 1, is_canonical: 0 });
    expect(await worksUnder(t.db, 'i wrote this at 3am')).toEqual([]);
    await markUnwrangleable(t.db, actor, await id('i wrote this at 3am'), false);
    expect((await tagNamed(t.db, 'i wrote this at 3am')).is_unwrangleable).toBe(0);
  });

  it('renames a canonical tag, keeping an old spelling as its synonym and refusing a taken name', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, { characters: ['mr darcy'] });
    await makeCanonical(t.db, actor, await id('mr darcy'));
    await renameTag(t.db, actor, await id('mr darcy'), 'Mr Darcy');
    expect((await tagNamed(t.db, 'MR DARCY')).name).toBe('Mr Darcy');
    await renameTag(t.db, actor, await id('Mr Darcy'), 'Fitzwilliam Darcy');
    expect((await tagNamed(t.db, 'Mr Darcy')).synonym_of_id).toBe(await id('Fitzwilliam Darcy'));
    expect(await worksUnder(t.db, 'Fitzwilliam Darcy')).toEqual([workId]);
    // The search index learns the new name at once.
    const search = async (q: string) =>
      (await findWorks(t.db, parseFilters(new URLSearchParams({ q })).filters, { includeRestricted: true })).workIds;
    expect(await search('tag:"Fitzwilliam Darcy"')).toEqual([workId]);
    await createCanonicalTag(t.db, actor, 'Charles Bingley', 'character');
    await expect(renameTag(t.db, actor, await id('Fitzwilliam Darcy'), 'charles bingley')).rejects.toThrow(
      'already exists',
    );
    await expect(renameTag(t.db, actor, await id('Fitzwilliam Darcy'), 'Darcy, Fitzwilliam')).rejects.toThrow(
      'contains ","',
    );
  });

  it('leaves no drift after all of the above', async () => {
    expect((await verifyFilterTags(t.db)).drift).toEqual([]);
  });
});
