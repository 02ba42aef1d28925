import { beforeAll, describe, expect, it } from 'vitest';
import { findDefaultPseud } from '../accounts/queries.ts';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { decode, fieldError, postForm } from '../../test/support/post-form.ts';
import { rowCounts } from '../../test/support/row-counts.ts';

forEachDatabase('posting a new work', (t) => {
  let browser: Browser;
  let user: User;
  let pseudId: number;

  beforeAll(async () => {
    user = await makeUser(t.db);
    pseudId = (await findDefaultPseud(t.db, user.id)).id;
    browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, user);
  });

  it('sends guests to log in first', async () => {
    const response = await new Browser(makeTestApp(t.db)).get('/works/new');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?return_to=%2Fworks%2Fnew');
  });

  it('shows every field in the order of the work page, and the three buttons', async () => {
    const html = await browser.page('/works/new');
    const order = [
      'rating',
      'warnings',
      'categories',
      'fandoms',
      'relationships',
      'characters',
      'freeforms',
      'language',
      'title',
      'pseuds',
      'co_creators',
      'summary',
      'notes',
      'end_notes',
      'series_id',
      'series_title',
      'series_position',
      'related_url',
      'related_relation',
      'gift_to',
      'collections',
      'published_on',
      'expected_chapters',
      'restricted',
      'comment_permission',
      'moderated_comments',
      'chapter_title',
      'body',
    ];
    const positions = order.map((name) => html.indexOf(`name="${name}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain(`value="${pseudId}" checked`);
    expect(html).toMatch(/<button[^>]*value="preview"[^>]*>Preview<\/button>/);
    expect(html).toMatch(/<button[^>]*value="draft"[^>]*>Save as draft<\/button>/);
    expect(html).toMatch(/<button[^>]*value="post"[^>]*>Post<\/button>/);
  });

  const refusals: Array<[string, Record<string, string | string[]>, string, RegExp]> = [
    ['a missing fandom', { fandoms: ' , ' }, 'fandoms', /at least one fandom/],
    ['no warning chosen', { warnings: [] }, 'warnings', /at least one archive warning/],
    [
      'a 76th free-text tag',
      { freeforms: Array.from({ length: 73 }, (_, i) => `Tidepool ${i + 1}`).join(', '), characters: 'Ada, Bo' },
      'freeforms',
      /at most 75 .* this one has 76/,
    ],
    ['a title over 255 characters', { title: 'T'.repeat(256) }, 'title', /at most 255 characters/],
    ['an empty body', { body: '  \n\n  ' }, 'body', /cannot be empty/],
    ['a body that is empty once cleaned', { body: '<p><script>alert(1)</script></p>' }, 'body', /cannot be empty/],
  ];

  for (const [what, overrides, field, message] of refusals) {
    it(`refuses ${what} beside the field, keeps what was typed, and writes nothing`, async () => {
      const before = await rowCounts(t.db);
      const typed = postForm(pseudId, { summary: 'A summary with <em>care</em> & ampersands', ...overrides });
      const response = await browser.post('/works/new', typed);
      const html = await response.text();
      expect(response.status).toBe(422);
      expect(fieldError(html, field)).toMatch(message);
      expect(html).toContain('class="error-summary"');
      expect(html).toContain(`href="#${field}"`);
      // Nothing typed is lost: text fields, the body, the choices.
      expect(html).toContain(`value="${(overrides.title as string) ?? 'The Cartographer of Small Islands'}"`);
      if (String(typed.body).trim()) expect(decode(html)).toContain(`>${String(typed.body)}</textarea>`);
      expect(html).toContain('value="Low Tide"');
      expect(html).toContain('A summary with &lt;em&gt;care&lt;/em&gt; &amp; ampersands');
      expect(html).toContain(
        `value="${(overrides.characters as string) ?? 'Ada the Cartographer, The Lighthouse Cat'}"`,
      );
      if (overrides.freeforms) expect(html).toContain(`value="${overrides.freeforms as string}"`);
      expect(html).toMatch(/value="Gen" checked/);
      expect(html).toMatch(/<option value="Teen And Up Audiences" selected/);
      expect(await rowCounts(t.db)).toEqual(before);
    });
  }

  it('names the unknown co-creators and refuses bad dates, addresses and counts', async () => {
    const response = await browser.post(
      '/works/new',
      postForm(pseudId, {
        co_creators: `${user.username}, Nobody Here, Ghostwriter`,
        published_on: '2023-02-30',
        related_url: 'javascript:alert(1)',
        expected_chapters: '0',
        rating: '',
        language: 'xx',
        pseuds: ['999999'],
      }),
    );
    const html = await response.text();
    expect(response.status).toBe(422);
    expect(fieldError(html, 'co_creators')).toBe(
      'No pseud here is called "Nobody Here", "Ghostwriter". Co-creators need an account on this archive.',
    );
    expect(fieldError(html, 'published_on')).toMatch(/real date/);
    expect(fieldError(html, 'related_url')).toMatch(/http/);
    expect(fieldError(html, 'expected_chapters')).toMatch(/whole number from 1/);
    expect(fieldError(html, 'rating')).toBe('Choose a rating.');
    expect(fieldError(html, 'language')).toMatch(/language/);
    expect(fieldError(html, 'pseuds')).toMatch(/your own pseuds/);
  });

  it('refuses a publication date in the future and a link to a work this archive does not have', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const response = await browser.post(
      '/works/new',
      postForm(pseudId, { published_on: tomorrow, related_url: 'http://localhost:3000/works/987654' }),
    );
    const html = await response.text();
    expect(response.status).toBe(422);
    expect(fieldError(html, 'published_on')).toBe('The publication date cannot be in the future.');
    expect(fieldError(html, 'related_url')).toMatch(/no posted work at http:\/\/localhost:3000\/works\/987654/);
  });

  it('previews the meta block and the cleaned chapter without saving anything', async () => {
    const before = await rowCounts(t.db);
    const response = await browser.post(
      '/works/new',
      postForm(pseudId, {
        action: 'preview',
        series_title: 'Tidal Charts',
        body: '<p onclick="steal()">The tide <em>turned</em>.</p><script>steal()</script>',
      }),
    );
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<h2 id="preview-heading">Preview</h2>');
    expect(html).toContain('Nothing has been saved yet');
    expect(html).toMatch(/<dt>Fandoms:<\/dt>\s*<dd><ul class="tags"><li>Original Work<\/li>/);
    expect(html).toContain('<dd>Tidal Charts</dd>');
    expect(html).toContain('<p>The tide <em>turned</em>.</p>');
    expect(html).not.toContain('<script>steal()');
    expect(html).not.toContain('onclick="steal()"');
    // The form below the preview still holds exactly what was typed.
    expect(html).toContain('&lt;p onclick=&quot;steal()&quot;&gt;');
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('refuses a POST without an Origin header (CSRF) and writes nothing', async () => {
    const before = await rowCounts(t.db);
    const response = await browser.post('/works/new', postForm(pseudId), { origin: '' });
    expect(response.status).toBe(403);
    const forged = await browser.post('/works/new', postForm(pseudId), { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  describe('rate limit', () => {
    it('stops a user posting more than the hourly allowance, keeping the form', async () => {
      const { RateLimiter, RULES } = await import('../web/rate-limit.ts');
      const { createApp } = await import('../server.ts');
      const { loadConfig } = await import('../config.ts');
      const limiter = new RateLimiter(t.db);
      const app = createApp({
        db: t.db,
        config: loadConfig({ QUIRE_BASE_URL: 'http://localhost:3000' }),
        rateLimiter: limiter,
      });
      for (let i = 0; i < RULES.posting.limit; i++) await limiter.hit(`posting:${user.id}`, RULES.posting);
      const limited = new Browser(app);
      await signIn(limited, t.db, user);
      const before = await rowCounts(t.db);
      const response = await limited.post('/works/new', postForm(pseudId, { title: 'One Too Many' }));
      const html = await response.text();
      expect(response.status).toBe(429);
      expect(html).toContain('You have posted a lot in a short time');
      expect(html).toContain('value="One Too Many"');
      expect(await rowCounts(t.db)).toEqual(before);
    });
  });
});
