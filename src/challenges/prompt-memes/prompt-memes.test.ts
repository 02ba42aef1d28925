import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../../test/support/app.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { makeUser, signIn } from '../../../test/support/factories.ts';
import { decode, fieldError } from '../../../test/support/post-form.ts';
import { countingQueries } from '../../../test/support/query-count.ts';
import type { User } from '../../accounts/accounts.table.ts';
import { makePromptMeme, memeSettings, promptFields, promptIdFrom } from './prompt-memes.test-helper.ts';
import { localToInstant } from './time-zone.ts';

describe('time zones', () => {
  it('reads a local time in the collection’s zone, summer and winter', () => {
    expect(localToInstant('2026-07-01T09:00', 'Europe/Paris')?.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(localToInstant('2026-12-01T09:00', 'Europe/Paris')?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(localToInstant('2026-02-30T09:00', 'UTC')).toBeUndefined();
  });
});

forEachDatabase('prompt memes: settings, the prompt form, sign-up dates', (t) => {
  let owner: User;
  let member: User;
  let ownerB: Browser;
  let memberB: Browser;
  // The clock every request reads: tests set it.
  let now = new Date('2026-12-04T12:00:00Z');

  beforeAll(async () => {
    const app = makeTestApp(t.db, { clock: () => now });
    owner = await makeUser(t.db);
    member = await makeUser(t.db);
    ownerB = new Browser(app);
    memberB = new Browser(app);
    await signIn(ownerB, t.db, owner);
    await signIn(memberB, t.db, member);
  });

  it('lets only maintainers add a prompt meme; the collection says it has a challenge and the index filters on it', async () => {
    const plain = `no_meme_${t.test.dialect}`;
    await ownerB.post('/collections/new', { name: plain, title: 'Quiet Shelf', settings: [] });
    const { name, tagSetId } = await makePromptMeme(ownerB);
    expect((await memberB.get(`/collections/${name}/prompt_meme`)).status).toBe(403);
    expect((await memberB.post(`/collections/${name}/prompt_meme`, memeSettings(tagSetId))).status).toBe(403);
    expect(await memberB.page(`/collections/${name}`)).toContain('Challenge: a prompt meme.');
    const withChallenge = await memberB.page('/collections?challenge=yes');
    expect(withChallenge).toContain(`/collections/${name}"`);
    expect(withChallenge).not.toContain(`/collections/${plain}"`);
    expect(await memberB.page('/collections?challenge=no')).toContain(`/collections/${plain}"`);
  });

  it('refuses bad settings field by field, keeping what was typed', async () => {
    const { name, tagSetId } = await makePromptMeme(ownerB);
    const res = await ownerB.post(
      `/collections/${name}/prompt_meme`,
      memeSettings(tagSetId, {
        time_zone: 'Mars/Olympus',
        character_required: '3',
        character_allowed: '2',
        prompts_per_person: '0',
        tag_set_id: '999999',
      }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'time_zone')).toBe(
      'Time zone: “Mars/Olympus” is no time zone; write one like Europe/Paris or UTC.',
    );
    expect(fieldError(html, 'character_required')).toBe('Characters required: at most the 2 allowed.');
    expect(fieldError(html, 'prompts_per_person')).toBe('Prompts per person: a whole number from 1 to 100.');
    expect(fieldError(html, 'tag_set_id')).toBe('Tag set: there is no tag set 999999.');
    expect(html).toContain('value="Mars/Olympus"');
    const dates = await ownerB.post(
      `/collections/${name}/prompt_meme`,
      memeSettings(tagSetId, { opens_at: '2026-12-10T10:00', closes_at: '2026-12-09T10:00' }),
    );
    expect(fieldError(await dates.text(), 'closes_at')).toBe('Sign-ups close: must be after they open.');
    const noSet = await ownerB.post(`/collections/${name}/prompt_meme`, memeSettings(tagSetId, { tag_set_id: '' }));
    expect(fieldError(await noSet.text(), 'tag_set_id')).toBe(
      'Tag set: prompts that name tags choose them from a tag set; give its number.',
    );
  });

  it('refuses, field by field, every rule a prompt breaks, naming the field and the rule', async () => {
    const { name } = await makePromptMeme(ownerB, { anonymous_allowed: undefined, url: 'required' });
    const form = await memberB.page(`/collections/${name}/prompts/new`);
    expect(form).toContain('<datalist id="fandom-choices"><option value="Lantern Harbour">');
    expect(form).toContain('list="character-choices"');
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ fandom: '' }, 'fandom', 'Fandoms: name at least 1 fandom (this prompt meme requires 1).'],
      [{ fandom: 'Lantern Harbour, Salt Road' }, 'fandom', 'Fandoms: at most 1 fandom allowed; you named 2.'],
      [{ fandom: 'Moon Base' }, 'fandom', 'Fandoms: “Moon Base” is not in this prompt meme’s tag set.'],
      [
        { character: 'Wren the Ferrywoman, Old Tamsin, The Tide Clerk' },
        'character',
        'Characters: at most 2 characters allowed; you named 3.',
      ],
      [
        { relationship: 'Wren/Tamsin' },
        'relationship',
        'Relationships: this prompt meme’s prompts name no relationships.',
      ],
      [{ description: '  ' }, 'description', 'Description: this prompt meme requires a description.'],
      [{ url: '' }, 'url', 'URL: this prompt meme requires a URL.'],
      [{ url: 'javascript:alert(1)' }, 'url', 'URL: give a whole web address, starting with https:// or http://.'],
      [{ anonymous: '1' }, 'anonymous', 'Anonymous: this prompt meme does not take anonymous prompts.'],
      [{ title: 'x'.repeat(256) }, 'title', 'Title: at most 255 characters.'],
    ];
    for (const [change, field, message] of cases) {
      const res = await memberB.post(
        `/collections/${name}/prompts/new`,
        promptFields({ url: 'https://example.org/ferry', ...change }),
      );
      expect(res.status, field).toBe(422);
      const html = await res.text();
      expect(fieldError(html, field), field).toBe(message);
      // What was typed is kept.
      if (change[field]?.trim()) expect(decode(html)).toContain(change[field].slice(0, 40));
    }
    expect(await t.db.selectFrom('prompts').select('id').execute()).toHaveLength(0);
    const ok = await memberB.post(
      `/collections/${name}/prompts/new`,
      promptFields({ url: 'https://example.org/ferry' }),
    );
    expect(ok.status).toBe(303);
    const id = promptIdFrom(ok);
    const tags = await t.db.selectFrom('prompt_tags').select('kind').where('prompt_id', '=', id).execute();
    expect(tags.map((r) => r.kind).sort()).toEqual(['character', 'fandom', 'freeform']);
  });

  it('takes at most the prompts per person the meme allows', async () => {
    const { name } = await makePromptMeme(ownerB, { prompts_per_person: '2' });
    for (let i = 0; i < 2; i++)
      expect((await memberB.post(`/collections/${name}/prompts/new`, promptFields())).status).toBe(303);
    const third = await memberB.post(`/collections/${name}/prompts/new`, promptFields());
    expect(third.status).toBe(422);
    expect(decode(await third.text())).toContain(
      'Prompts: this prompt meme takes at most 2 from one person, and you have posted 2.',
    );
  });

  it('takes prompts only between the sign-up dates, in the collection’s time zone', async () => {
    now = new Date('2026-12-04T12:00:00Z');
    const { name } = await makePromptMeme(ownerB, {
      time_zone: 'Europe/Paris',
      opens_at: '2026-12-05T09:00',
      closes_at: '2026-12-06T09:00',
    });
    const meme = await t.db
      .selectFrom('prompt_memes')
      .innerJoin('collections', 'collections.id', 'prompt_memes.collection_id')
      .select(['opens_at', 'closes_at', 'time_zone'])
      .where('collections.name', '=', name)
      .executeTakeFirstOrThrow();
    expect(meme).toEqual({
      opens_at: '2026-12-05T08:00:00.000Z',
      closes_at: '2026-12-06T08:00:00.000Z',
      time_zone: 'Europe/Paris',
    });

    const early = await memberB.post(`/collections/${name}/prompts/new`, promptFields());
    expect(early.status).toBe(422);
    expect(decode(await early.text())).toContain(
      'Sign-ups for this prompt meme open on 5 December 2026 at 09:00 (Europe/Paris).',
    );
    expect(await memberB.page(`/collections/${name}/prompts`)).toContain('open on 5 December 2026 at 09:00');

    now = new Date('2026-12-05T08:00:00Z'); // 09:00 in Paris: open
    const posted = await memberB.post(`/collections/${name}/prompts/new`, promptFields());
    expect(posted.status).toBe(303);
    const id = promptIdFrom(posted);

    now = new Date('2026-12-06T08:00:00Z'); // closed on the minute
    const late = await memberB.post(`/collections/${name}/prompts/new`, promptFields());
    expect(late.status).toBe(422);
    expect(decode(await late.text())).toContain(
      'Sign-ups for this prompt meme closed on 6 December 2026 at 09:00 (Europe/Paris).',
    );
    // Nor may the prompter edit or delete theirs once closed; claims go on.
    expect((await memberB.post(`/collections/${name}/prompts/${id}/edit`, promptFields())).status).toBe(403);
    expect((await memberB.post(`/collections/${name}/prompts/${id}/delete`)).status).toBe(403);
    expect((await ownerB.post(`/collections/${name}/prompts/${id}/claim`)).status).toBe(303);
    now = new Date('2026-12-04T12:00:00Z');
  });

  it('lets a prompter edit and delete their own prompt, and a maintainer remove anyone’s, logged', async () => {
    const { name } = await makePromptMeme(ownerB);
    const id = promptIdFrom(await memberB.post(`/collections/${name}/prompts/new`, promptFields()));
    const edited = await memberB.post(
      `/collections/${name}/prompts/${id}/edit`,
      promptFields({ title: 'The ferry that never leaves', fandom: 'Salt Road' }),
    );
    expect(edited.status).toBe(303);
    const page = await memberB.page(`/collections/${name}/prompts/${id}`);
    expect(page).toContain('The ferry that never leaves');
    expect(page).toContain('Salt Road');
    const stranger = new Browser(ownerB.app);
    const other = await makeUser(t.db);
    await signIn(stranger, t.db, other);
    expect((await stranger.post(`/collections/${name}/prompts/${id}/edit`, promptFields())).status).toBe(403);
    expect((await stranger.post(`/collections/${name}/prompts/${id}/delete`)).status).toBe(403);
    expect((await ownerB.post(`/collections/${name}/prompts/${id}/delete`, { reason: 'Off topic' })).status).toBe(303);
    expect(await t.db.selectFrom('prompts').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    const log = await t.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('target_type', '=', 'prompt')
      .where('target_id', '=', id)
      .execute();
    expect(log).toEqual([{ action: 'prompt.remove', reason: 'Off topic' }]);

    const own = promptIdFrom(await memberB.post(`/collections/${name}/prompts/new`, promptFields()));
    expect((await memberB.post(`/collections/${name}/prompts/${own}/delete`)).status).toBe(303);
  });

  it('lists prompts with filters, sorts and pages', async () => {
    const { name } = await makePromptMeme(ownerB, { prompts_per_person: '30' });
    const ids: number[] = [];
    for (let i = 0; i < 22; i++) {
      now = new Date(Date.UTC(2026, 11, 4, 12, i));
      const res = await memberB.post(
        `/collections/${name}/prompts/new`,
        promptFields({
          title: `Harbour prompt ${i}`,
          fandom: i % 2 ? 'Salt Road' : 'Lantern Harbour',
          freeform: i === 3 ? 'Letters' : '',
        }),
      );
      ids.push(promptIdFrom(res));
    }
    now = new Date('2026-12-04T12:00:00Z');
    await ownerB.post(`/collections/${name}/prompts/${ids[5]}/claim`);
    await memberB.post(`/collections/${name}/prompts/${ids[5]}/claim`);
    await ownerB.post(`/collections/${name}/prompts/${ids[7]}/claim`);

    const first = await memberB.page(`/collections/${name}/prompts`);
    expect(first).toContain('22 prompts');
    expect(first).toContain('Harbour prompt 21');
    expect(first).not.toContain('Harbour prompt 1<');
    expect(first).toContain('page=2');
    expect(await memberB.page(`/collections/${name}/prompts?page=2`)).toContain('Harbour prompt 1<');
    const salt = await memberB.page(`/collections/${name}/prompts?fandom=Salt+Road`);
    expect(salt).toContain('11 prompts');
    const letters = await memberB.page(`/collections/${name}/prompts?tags=Letters`);
    expect(letters).toContain('1 prompt<');
    expect(letters).toContain('Harbour prompt 3<');
    expect(await memberB.page(`/collections/${name}/prompts?tags=Moon`)).toContain('0 prompts');
    expect(await memberB.page(`/collections/${name}/prompts?claimed=yes`)).toContain('2 prompts');
    expect(await memberB.page(`/collections/${name}/prompts?claimed=no`)).toContain('20 prompts');
    expect(await memberB.page(`/collections/${name}/prompts?filled=no`)).toContain('22 prompts');
    // The page costs the same few queries for 2 prompts as for 11: no query per prompt.
    const counted = countingQueries(t.db);
    const countingB = new Browser(makeTestApp(counted.db, { clock: () => now }));
    await signIn(countingB, t.db, member);
    await countingB.page(`/collections/${name}/prompts?fandom=Salt+Road&claimed=yes`); // settings loaded once
    counted.queries = 0;
    expect(await countingB.page(`/collections/${name}/prompts?fandom=Salt+Road&claimed=yes`)).toContain('2 prompts');
    const few = counted.queries;
    counted.queries = 0;
    expect(await countingB.page(`/collections/${name}/prompts?fandom=Lantern+Harbour&claimed=no`)).toContain(
      '11 prompts',
    );
    expect(counted.queries).toBe(few);
    const byClaims = await memberB.page(`/collections/${name}/prompts?sort=claims`);
    expect(byClaims.indexOf('Harbour prompt 5<')).toBeLessThan(byClaims.indexOf('Harbour prompt 7<'));
    expect(byClaims.indexOf('Harbour prompt 7<')).toBeLessThan(byClaims.indexOf('Harbour prompt 21<'));
  });
});
