/**
 * The post form as a person fills it in, for route tests: `postForm(pseudId,
 * { title: '…' })` gives a complete, valid submission to change one field
 * of.
 */
import type { FormValues } from './app.ts';

export function postForm(pseudId: number, overrides: FormValues = {}): FormValues {
  return {
    action: 'post',
    rating: 'Teen And Up Audiences',
    warnings: ['No Archive Warnings Apply'],
    categories: ['Gen'],
    fandoms: 'Original Work',
    relationships: '',
    characters: 'Ada the Cartographer, The Lighthouse Cat',
    freeforms: 'Found Family, Maps',
    language: 'en',
    title: 'The Cartographer of Small Islands',
    pseuds: [String(pseudId)],
    co_creators: '',
    summary: 'Ada maps islands that only appear at low tide.',
    notes: '',
    end_notes: '',
    series_id: '',
    series_title: '',
    series_position: '',
    related_url: '',
    related_relation: 'inspired_by',
    gift_to: '',
    published_on: '',
    expected_chapters: '1',
    comment_permission: 'registered',
    chapter_title: 'Low Tide',
    body: 'Ada unrolled the chart on the kitchen table.\n\nThe cat sat on the corner that would not stay flat.',
    ...overrides,
  };
}

/** The id at the end of a /works/N redirect. */
export function workIdFrom(response: Response): number {
  const location = response.headers.get('location') ?? '';
  const match = location.match(/^\/works\/(\d+)$/);
  if (!match) throw new Error(`expected a redirect to /works/N, got ${response.status} ${location}`);
  return Number(match[1]);
}

/** Text as hono/jsx escaped it, unescaped. */
export const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The error shown beside a field (linked to it by id), or undefined. */
export function fieldError(html: string, name: string): string | undefined {
  const match = html.match(new RegExp(`<p class="field-error" id="${name}-error">([^<]*)</p>`));
  return match ? decode(match[1]) : undefined;
}
