/**
 * `quire tags …` and `quire seed --demo` run in-process through main()
 * against the suite's database: what they print, their exit status, and
 * the rows they change.
 */
import { expect, it } from 'vitest';
import { runQuire } from '../../../test/support/cli.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { makeUser, makeWork } from '../../../test/support/factories.ts';
import { tagNamed, worksUnder } from '../../../test/support/tags.ts';

forEachDatabase('quire tags', (t) => {
  it('wrangles from the command line, printing what changed', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, {
      fandoms: [],
      relationships: ['valjean/javert'],
      freeforms: ['Canon Divergence'],
    });
    const run = (...argv: string[]) => runQuire(t.test.target, 'tags', ...argv);

    expect(await run('create', 'Les Misérables - Victor Hugo', '--kind', 'fandom')).toEqual({
      status: 0,
      stdout: 'Created the canonical Fandom "Les Misérables - Victor Hugo".\n',
      stderr: '',
    });
    await run('create', 'Javert/Jean Valjean', '--kind', 'relationship');
    expect((await run('synonym', 'VALJEAN/JAVERT', 'Javert/Jean Valjean')).stdout).toBe(
      '"valjean/javert" is now a synonym of "Javert/Jean Valjean".\n',
    );
    expect((await run('parent', 'Javert/Jean Valjean', 'Les Misérables - Victor Hugo')).stdout).toBe(
      '"Javert/Jean Valjean" is now attached to the Fandom "Les Misérables - Victor Hugo".\n',
    );
    expect(await worksUnder(t.db, 'Les Misérables - Victor Hugo')).toEqual([workId]);

    expect((await run('kind', 'Canon Divergence', 'Additional Tag')).stdout).toBe(
      '"Canon Divergence" is already an Additional Tag.\n',
    );
    expect((await run('canonical', 'Canon Divergence')).stdout).toBe(
      '"Canon Divergence" is now a canonical Additional Tag.\n',
    );
    await run('create', 'Alternate Universe', '--kind', 'freeform');
    expect((await run('meta', 'Canon Divergence', 'Alternate Universe')).stdout).toBe(
      '"Alternate Universe" is now a meta tag of "Canon Divergence".\n',
    );
    expect(await worksUnder(t.db, 'Alternate Universe')).toEqual([workId]);
    const loop = await run('meta', 'Alternate Universe', 'Canon Divergence');
    expect(loop.status).toBe(1);
    expect(loop.stderr).toContain('would make a loop');
    expect((await run('meta', 'Canon Divergence', 'Alternate Universe', '--remove')).status).toBe(0);
    expect(await worksUnder(t.db, 'Alternate Universe')).toEqual([]);

    expect((await run('rename', 'Canon Divergence', 'Alternate Universe - Canon Divergence')).stdout).toContain(
      'stays as its synonym',
    );
    expect((await run('unwrangleable', 'Alternate Universe')).stdout).toBe(
      '"Alternate Universe" is now unwrangleable.\n',
    );
    expect((await run('parent', 'Javert/Jean Valjean', 'Les Misérables - Victor Hugo', '--remove')).status).toBe(0);
    expect(await worksUnder(t.db, 'Les Misérables - Victor Hugo')).toEqual([]);

    const missing = await run('canonical', 'No Such Tag');
    expect(missing).toMatchObject({ status: 1, stderr: 'quire tags: There is no tag named "No Such Tag".\n' });
    expect((await run('synonym', 'only-one')).status).toBe(2);
    expect((await run('explode')).status).toBe(2);
    expect((await run('kind', 'Javert/Jean Valjean', 'spaceship')).status).toBe(2);
  });

  it('shows a tag', async () => {
    const result = await runQuire(t.test.target, 'tags', 'show', 'javert/jean valjean');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'Javert/Jean Valjean',
        '  kind:      Relationship',
        '  status:    canonical',
        '  works:     1',
        '  synonyms:  valjean/javert',
        '  meta tags: -',
        '  sub tags:  -',
        '  parents:   -',
        '  children:  -',
        '',
      ].join('\n'),
    );
    expect((await tagNamed(t.db, 'valjean/javert')).synonym_of_id).toBe(
      (await tagNamed(t.db, 'Javert/Jean Valjean')).id,
    );
  });

  it('verifies filter tags: exit 0 when they match, 1 with the drift listed, --fix re-derives', async () => {
    const ok = await runQuire(t.test.target, 'tags', 'verify');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Checked \d+ works: filter tags match\.\n$/);
    const [work] = await worksUnder(t.db, 'Javert/Jean Valjean');
    await t.db
      .deleteFrom('filter_taggings')
      .where('work_id', '=', work)
      .where('tag_id', '=', (await tagNamed(t.db, 'Javert/Jean Valjean')).id)
      .execute();
    const drift = await runQuire(t.test.target, 'tags', 'verify');
    expect(drift.status).toBe(1);
    expect(drift.stdout).toContain(`work ${work}: missing Javert/Jean Valjean\n`);
    const fixed = await runQuire(t.test.target, 'tags', 'verify', '--fix');
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toContain('1 drifted, now re-derived');
    expect((await runQuire(t.test.target, 'tags', 'verify')).status).toBe(0);
  });

  it('prints help', async () => {
    const help = await runQuire(t.test.target, 'tags', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('quire tags synonym TAG CANONICAL');
  });

  it('refuses to seed an archive that is not empty', async () => {
    const result = await runQuire(t.test.target, 'seed', '--demo');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/already has \d+ account\(s\) and \d+ work\(s\)/);
    expect(result.stderr).toMatch(/seed a fresh archive.*(QUIRE_DATA_DIR=|DATABASE_URL)/);
    expect((await runQuire(t.test.target, 'seed')).status).toBe(2);
  });
});
