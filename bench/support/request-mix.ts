/**
 * The guests' request mix of bench/load-test and bench/chaos, drawn from the loaded archive: work pages,
 * chapter pages, filtered listings, tag pages, searches and downloads, only of works a guest may see.
 */
import autocannon from 'autocannon';
import { downloadPath } from '../../src/downloads/file-names.ts';
import { GUEST_AUDIENCE, listedWorksWhere } from '../../src/visibility/index.ts';
import type { Db } from '../../src/db/database.ts';
import { chooseMix } from '../browse-mix.ts';

export interface RequestClass {
  name: string;
  /** Shares of the mix, out of the sum of all weights. */
  weight: number;
  paths: string[];
}

/** A request mix drawn from the loaded archive: only works a guest may see, so every answer should be a 200. */
export async function chooseClasses(db: Db): Promise<RequestClass[]> {
  const listed = await db
    .selectFrom('works')
    .select(['id', 'title', 'posted_chapters'])
    .where(listedWorksWhere(GUEST_AUDIENCE))
    .orderBy('id')
    .execute();
  const step = Math.max(1, Math.floor(listed.length / 400));
  const sample = listed.filter((_, i) => i % step === 0).slice(0, 400);
  const multi = sample.filter((w) => w.posted_chapters > 1).slice(0, 100);
  const chapters = multi.length
    ? await db
        .selectFrom('chapters')
        .select(['work_id', 'id'])
        .where(
          'work_id',
          'in',
          multi.map((w) => w.id),
        )
        .where('is_posted', '=', 1)
        .execute()
    : [];
  const mix = await chooseMix(db);
  const paths = (name: string) => mix.find((c) => c.name === name)?.paths ?? [];
  const fandoms = paths('one-tag listing').map((p) => p.replace(/\/works$/, ''));
  return [
    { name: 'work page', weight: 35, paths: sample.map((w) => `/works/${w.id}`) },
    { name: 'chapter page', weight: 15, paths: chapters.map((c) => `/works/${c.work_id}/chapters/${c.id}`) },
    {
      name: 'filtered listing',
      weight: 15,
      paths: [
        ...paths('fandom+relationship, 2 excludes, complete, words'),
        ...paths('rating + warnings excluded + language'),
        '/works',
        '/works?sort=kudos',
      ],
    },
    { name: 'tag page', weight: 15, paths: [...paths('one-tag listing'), ...fandoms] },
    {
      name: 'search',
      weight: 10,
      paths: [...paths('two words of text within a fandom'), ...paths('facet counts for a broad tag')],
    },
    // 12 works in two formats: well under the download builds' rate limit (60 per address in 10 minutes), and
    // built during the warm-up, so the measured run downloads from the cache as most readers do.
    {
      name: 'download',
      weight: 10,
      paths: sample.slice(0, 12).flatMap((w) => ['epub', 'html'].map((f) => downloadPath(w.id, w.title, f))),
    },
  ].filter((c) => c.paths.length);
}

/** The request sequence, interleaved by weight so every stretch of it has the whole mix. */
export function interleave(classes: RequestClass[], length = 20_000): Array<{ path: string; cls: string }> {
  const out: Array<{ path: string; cls: string }> = [];
  const total = classes.reduce((sum, c) => sum + c.weight, 0);
  const credit = classes.map(() => 0);
  const next = classes.map(() => 0);
  for (let i = 0; i < length; i++) {
    classes.forEach((c, k) => (credit[k] += c.weight / total));
    const k = credit.indexOf(Math.max(...credit));
    credit[k] -= 1;
    const c = classes[k];
    out.push({ path: c.paths[next[k]++ % c.paths.length], cls: c.name });
  }
  return out;
}

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers of 400 and above, by "class status". */
  bad: Map<string, number>;
  errors: number;
  timeouts: number;
}

/**
 * autocannon over the sequence, `connections` at once, for `seconds` (or until `stop`); `done` gives the
 * figures. Every answer of 400 and above is counted by its request class and status.
 */
export function startLoad(
  base: string,
  sequence: Array<{ path: string; cls: string }>,
  { connections, seconds }: { connections: number; seconds: number },
): { stop: () => void; done: Promise<LoadFigures> } {
  const bad = new Map<string, number>();
  let position = 0;
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const options: autocannon.Options = {
    url: base,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (request, context: object) => {
          const step = sequence[position++ % sequence.length];
          (context as { cls?: string }).cls = step.cls;
          return { ...request, path: step.path, method: 'GET' };
        },
        onResponse: (status, _body, context: object) => {
          if (status >= 400) {
            const key = `${(context as { cls?: string }).cls} ${status}`;
            bad.set(key, (bad.get(key) ?? 0) + 1);
          }
        },
      },
    ],
  };
  const instance = autocannon(options, (error, result) => (error ? fail(error) : finish(result)));
  const done = finished.then((result) => ({
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    bad,
    errors: result.errors,
    timeouts: result.timeouts,
  }));
  return { stop: () => instance.stop(), done };
}
