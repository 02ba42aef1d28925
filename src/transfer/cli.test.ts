/**
 * `quire import` and `quire export` run in-process through the CLI's main()
 * against the suite's database: the lines they print, their exit status,
 * and the works they write.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runQuire } from '../../test/support/cli.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { rowCounts } from '../../test/support/row-counts.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/import');
const fixture = (name: string) => path.join(FIXTURES, name);

forEachDatabase('quire import and export', (t) => {
  const worksByTitle = (title: string) =>
    t.db.selectFrom('works').select(['id', 'status', 'imported_by_id']).where('title', '=', title).execute();

  it('imports as the only admin when --as is not given, one line per file, exit 0', async () => {
    const admin = await makeUser(t.db, { isAdmin: true });
    const result = await runQuire(t.test.target, 'import', fixture('bom.txt'), fixture('crlf.txt'));
    expect(result.status).toBe(0);
    const [bom] = await worksByTitle("The Clockmaker's Apprentice");
    const [crlf] = await worksByTitle('Letters Under the Door');
    expect(result.stdout).toBe(
      `${fixture('bom.txt')}: /works/${bom.id}\n${fixture('crlf.txt')}: /works/${crlf.id}\nImported 2 of 2 files.\n`,
    );
    expect(bom).toMatchObject({ status: 'posted', imported_by_id: admin.id });
  });

  it('prints file:line: problem for a bad file, imports the rest and exits 1', async () => {
    const user = await makeUser(t.db);
    const before = await rowCounts(t.db);
    const result = await runQuire(
      t.test.target,
      'import',
      '--as',
      user.username,
      '--draft',
      fixture('no-fandom.txt'),
      fixture('truncated.txt'),
      fixture('headerless.txt'),
      fixture('missing-file.txt'),
    );
    expect(result.status).toBe(1);
    const [work] = await worksByTitle('A Field Guide to Puddles');
    expect(work).toMatchObject({ status: 'draft', imported_by_id: user.id });
    expect(result.stdout.split('\n')).toEqual([
      `${fixture('no-fandom.txt')}: /works/${work.id}`,
      `${fixture('truncated.txt')}:9: The file ends before its "Work text:" section: it may have been cut short.`,
      `${fixture('headerless.txt')}:1: There is no "Title:" line, so this is not a work in the plain-text format (a header of "Name: value" lines, then Summary:, Notes: and Work text:).`,
      `${fixture('missing-file.txt')}: There is no such file.`,
      'Imported 1 of 4 files as drafts.',
      '',
    ]);
    // Only the good file's work was written.
    const after = await rowCounts(t.db);
    expect(after.works - before.works).toBe(1);
    expect(after.chapters - before.chapters).toBe(1);
    // Four files get a progress bar on stderr.
    expect(result.stderr).toContain('importing [');
  });

  it('refuses to guess the importer when there is more than one admin, and names an unknown user', async () => {
    await makeUser(t.db, { isAdmin: true });
    const guess = await runQuire(t.test.target, 'import', fixture('bom.txt'));
    expect(guess.status).toBe(2);
    expect(guess.stderr).toContain('say which account imports with --as USERNAME (this archive has 2 admins)');
    const unknown = await runQuire(t.test.target, 'import', '--as', 'nobody-here', fixture('bom.txt'));
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('there is no user named "nobody-here"');
    expect(await runQuire(t.test.target, 'import')).toMatchObject({ status: 2 });
  });

  it('exports a work to stdout and to a file, which imports again', async () => {
    const user = await makeUser(t.db);
    const id = await makeWork(t.db, user, {
      title: 'The Beekeeper Counts to Nine',
      summary: '<p>Nine hives, one queen missing.</p>',
    });
    const printed = await runQuire(t.test.target, 'export', String(id), '--format', 'txt');
    expect(printed.status).toBe(0);
    expect(printed.stdout).toMatch(/^Title: The Beekeeper Counts to Nine\nWork ID: \d+\nAuthor: /);
    expect(printed.stdout).toContain(
      '\n\nSummary:\nNine hives, one queen missing.\n\nWork text:\n\nThe lantern burned low over the harbour wall.\n',
    );

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-export-'));
    const out = path.join(dir, 'beekeeper.txt');
    const written = await runQuire(t.test.target, 'export', String(id), '--out', out);
    expect(written.status).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(printed.stdout);

    const imported = await runQuire(t.test.target, 'import', '--as', user.username, out);
    expect(imported.status).toBe(0);
    expect(await worksByTitle('The Beekeeper Counts to Nine')).toHaveLength(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says so when there is no such work, and refuses bad usage', async () => {
    const missing = await runQuire(t.test.target, 'export', '987654');
    expect(missing).toMatchObject({ status: 1, stdout: '' });
    expect(missing.stderr).toContain('quire export: there is no work 987654');
    expect(await runQuire(t.test.target, 'export', 'abc')).toMatchObject({ status: 2 });
    expect(await runQuire(t.test.target, 'export', '1', '--format', 'epub')).toMatchObject({ status: 2 });
  });

  it('leaves an Author that is a pseud here unlinked with a warning, and links it with --link-authors', async () => {
    const admin = await makeUser(t.db, { username: 'quireadmin', isAdmin: true });
    const newbie = await makeUser(t.db, { username: 'quillnewbie' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-link-'));
    const file = path.join(dir, 'newbie.txt');
    fs.writeFileSync(
      file,
      'Title: The First Hour\nAuthor: quillnewbie, Far Away Friend\nFandom: Original Work\n\nWork text:\n\nA short start.\n',
    );
    const creatorsOf = (workId: number) =>
      t.db
        .selectFrom('creatorships')
        .leftJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
        .select(['pseuds.user_id', 'creatorships.external_name', 'creatorships.is_accepted'])
        .where('work_id', '=', workId)
        .orderBy('position')
        .execute();

    const plain = await runQuire(t.test.target, 'import', '--as', admin.username, file);
    expect(plain.status).toBe(0);
    const [first] = await worksByTitle('The First Hour');
    expect(plain.stdout.split('\n')).toEqual([
      `${file}: /works/${first.id}`,
      '  warning: Author "quillnewbie" is the pseud "quillnewbie" of the account quillnewbie here, but the byline is not linked to it (run again with --link-authors to link it).',
      'Imported 1 of 1 file.',
      '',
    ]);
    expect(await creatorsOf(first.id)).toEqual([
      { user_id: null, external_name: 'quillnewbie', is_accepted: 1 },
      { user_id: null, external_name: 'Far Away Friend', is_accepted: 1 },
    ]);

    const linked = await runQuire(t.test.target, 'import', '--as', admin.username, '--link-authors', file);
    expect(linked.status).toBe(0);
    const [, second] = await worksByTitle('The First Hour');
    expect(linked.stdout).toContain(
      `${file}: /works/${second.id}\n  linked: Author "quillnewbie" is the pseud "quillnewbie" of the account quillnewbie; the byline links to it.\n`,
    );
    expect(await creatorsOf(second.id)).toEqual([
      { user_id: newbie.id, external_name: null, is_accepted: 1 },
      { user_id: null, external_name: 'Far Away Friend', is_accepted: 1 },
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has --help for both commands', async () => {
    const importHelp = await runQuire(t.test.target, 'import', '--help');
    expect(importHelp.status).toBe(0);
    expect(importHelp.stdout).toContain('Usage: quire import FILE... [--as USERNAME] [--draft] [--link-authors]');
    const exportHelp = await runQuire(t.test.target, 'export', '--help');
    expect(exportHelp.stdout).toContain('Usage: quire export WORK_ID [--format txt] [--out FILE]');
    expect((await runQuire(t.test.target, '--help')).stdout).toMatch(
      /import\s+import works[\s\S]*export\s+write a work/,
    );
  });
});
