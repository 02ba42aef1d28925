/**
 * The wrangling dashboard's view: the wrangler's fandoms with how many
 * unwrangled tags of each kind wait in their bins, the bins that belong to
 * no fandom (unwrangled fandoms, Unsorted), and the tag search form.
 */
import type { Tag, TagKind } from '../tags/tags.table.ts';
import { BIN_KINDS, TAG_KIND_LABELS, TAG_KIND_PLURALS } from '../tags/kinds.ts';
import { tagPath } from '../tags/names.ts';
import type { TagStatusFilter } from './bin-queries.ts';
import { STATUS_LABELS } from './bin-table.tsx';
import { TagNameInput } from './tag-forms.tsx';

export function binPath(kind: TagKind, fandomName?: string): string {
  const params = new URLSearchParams({ kind });
  if (fandomName) params.set('fandom', fandomName);
  return `/wrangling/bins?${params}`;
}

export interface DashboardData {
  fandoms: Array<{ tag: Tag; counts: Map<TagKind, number> }>;
  unwrangledFandoms: number;
  unsorted: number;
  isAdmin: boolean;
}

function AssignmentButton({ fandom, assign }: { fandom: string; assign: boolean }) {
  return (
    <form method="post" action="/wrangling/assignments" class="inline">
      <input type="hidden" name="fandom" value={fandom} />
      <button
        type="submit"
        name="action"
        value={assign ? 'assign' : 'unassign'}
        class="secondary"
        aria-label={`${assign ? 'Pick up' : 'Drop'} ${fandom}`}
      >
        {assign ? 'Pick up' : 'Drop'}
      </button>
    </form>
  );
}

export function Dashboard({ data }: { data: DashboardData }) {
  return (
    <section class="wrangling-dashboard">
      <h1>Wrangling</h1>
      {data.isAdmin ? (
        <p>
          <a href="/admin/wranglers">Manage wranglers and their fandoms</a>
        </p>
      ) : null}
      <section aria-labelledby="your-fandoms">
        <h2 id="your-fandoms">Your fandoms</h2>
        {data.fandoms.length ? (
          <table class="bin-counts">
            <thead>
              <tr>
                <th scope="col">Fandom</th>
                {BIN_KINDS.map((kind) => (
                  <th scope="col">Unwrangled {TAG_KIND_PLURALS[kind]}</th>
                ))}
                <th scope="col">Assignment</th>
              </tr>
            </thead>
            <tbody>
              {data.fandoms.map(({ tag, counts }) => (
                <tr>
                  <th scope="row">
                    <a href={tagPath(tag.name)}>{tag.name}</a>
                  </th>
                  {BIN_KINDS.map((kind) => (
                    <td>
                      <a
                        href={binPath(kind, tag.name)}
                        aria-label={`${counts.get(kind) ?? 0} unwrangled ${TAG_KIND_PLURALS[kind]} in ${tag.name}`}
                      >
                        {counts.get(kind) ?? 0}
                      </a>
                    </td>
                  ))}
                  <td>
                    <AssignmentButton fandom={tag.name} assign={false} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>You have no fandoms yet. Pick one up below, or ask an admin to assign you some.</p>
        )}
        <form method="post" action="/wrangling/assignments" class="wrangle-form">
          <TagNameInput name="fandom" label="Pick up a fandom (a canonical fandom)" suggest="fandom" />
          <button type="submit" name="action" value="assign">
            Pick up
          </button>
        </form>
      </section>
      <section aria-labelledby="other-bins">
        <h2 id="other-bins">Bins outside any fandom</h2>
        <ul>
          <li>
            <a href={binPath('fandom')}>Unwrangled fandoms</a> ({data.unwrangledFandoms})
          </li>
          <li>
            <a href={binPath('unsorted')}>Unsorted tags</a> ({data.unsorted})
          </li>
        </ul>
      </section>
      <TagSearchForm />
    </section>
  );
}

export function TagSearchForm({ q, kind, status }: { q?: string; kind?: TagKind; status?: TagStatusFilter }) {
  const kinds: TagKind[] = ['fandom', 'character', 'relationship', 'freeform', 'media', 'unsorted'];
  return (
    <section aria-labelledby="tag-search">
      <h2 id="tag-search">Search tags</h2>
      <form method="get" action="/wrangling/search" class="tag-search">
        <div class="field">
          <label for="search-q">Name (start of any word)</label>
          <input id="search-q" name="q" type="search" value={q ?? ''} />
        </div>
        <div class="field">
          <label for="search-kind">Kind</label>
          <select id="search-kind" name="kind">
            <option value="">Any kind</option>
            {kinds.map((k) => (
              <option value={k} selected={k === kind}>
                {TAG_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="search-status">Status</label>
          <select id="search-status" name="status">
            {(Object.keys(STATUS_LABELS) as TagStatusFilter[]).map((s) => (
              <option value={s} selected={s === (status ?? 'any')}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
    </section>
  );
}

export function BinPager({
  basePath,
  page,
  total,
  pageSize,
}: {
  basePath: string;
  page: number;
  total: number;
  pageSize: number;
}) {
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) return null;
  const href = (p: number) => `${basePath}${basePath.includes('?') ? '&' : '?'}page=${p}`;
  return (
    <nav aria-label="Pages">
      <ul class="pagination">
        <li>{page > 1 ? <a href={href(page - 1)}>← Previous</a> : <span>← Previous</span>}</li>
        <li aria-current="page">
          Page {page} of {pages}
        </li>
        <li>{page < pages ? <a href={href(page + 1)}>Next →</a> : <span>Next →</span>}</li>
      </ul>
    </nav>
  );
}
