/**
 * The page of one tag (`/tags/:name`): its kind and status, synonyms, meta
 * and sub tags, parents and children grouped by kind, and how many works a
 * filter on it finds. Wranglers also see the wrangling forms and the log;
 * those come from the wrangling domain and are passed in.
 */
import type { Child } from 'hono/jsx';
import type { Tag, TagKind } from './tags.table.ts';
import { TAG_KIND_LABELS, TAG_KIND_PLURALS } from './kinds.ts';
import { tagPath, tagWorksPath } from './names.ts';
import type { TagPlace } from './tag-place.ts';

export interface TagPageData extends TagPlace {
  tag: Tag;
  isFilterPending: boolean;
}

export function statusLabel(tag: Tag): string {
  if (tag.is_canonical) return 'Canonical';
  if (tag.synonym_of_id !== null) return 'Synonym';
  if (tag.is_unwrangleable) return 'Unwrangleable';
  return 'Unwrangled';
}

function TagLinks({ tags }: { tags: Tag[] }) {
  return (
    <ul class="tags">
      {tags.map((t) => (
        <li>
          <a class="tag" href={tagPath(t.name)}>
            {t.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

function TagSection({ title, tags, empty }: { title: string; tags: Tag[]; empty?: string }) {
  if (!tags.length && !empty) return null;
  return (
    <section class="tag-section">
      <h2>{title}</h2>
      {tags.length ? <TagLinks tags={tags} /> : <p>{empty}</p>}
    </section>
  );
}

/** Tags grouped by kind, in the order of the meta block. */
function byKind(tags: Tag[]): Array<[TagKind, Tag[]]> {
  const order: TagKind[] = ['media', 'fandom', 'relationship', 'character', 'freeform', 'unsorted'];
  return order
    .map((kind) => [kind, tags.filter((t) => t.kind === kind)] as [TagKind, Tag[]])
    .filter(([, list]) => list.length);
}

function WorksLine({ data }: { data: TagPageData }) {
  const { tag, canonical, worksCount } = data;
  if (canonical) {
    return (
      <p>
        Works tagged {tag.name} are listed under <a href={tagWorksPath(canonical.name)}>{canonical.name}</a>.
      </p>
    );
  }
  const label = `${worksCount} ${worksCount === 1 ? 'work' : 'works'}`;
  return (
    <p>
      <a href={tagWorksPath(tag.name)}>{label}</a>
      {tag.is_canonical ? ' (including works tagged with its synonyms and sub tags).' : '.'}
    </p>
  );
}

export function TagPage({ data, wrangling }: { data: TagPageData; wrangling?: Child }) {
  const { tag, canonical } = data;
  return (
    <article class="tag-page">
      <h1>{tag.name}</h1>
      {data.isFilterPending ? (
        <p class="notice" role="status">
          Filter update pending: the works listed under this tag are being updated after a wrangling change.
        </p>
      ) : null}
      <dl class="tag-facts">
        <dt>Kind</dt>
        <dd>{TAG_KIND_LABELS[tag.kind]}</dd>
        <dt>Status</dt>
        <dd>
          {statusLabel(tag)}
          {canonical ? (
            <>
              {' '}
              of <a href={tagPath(canonical.name)}>{canonical.name}</a>
            </>
          ) : null}
        </dd>
      </dl>
      <WorksLine data={data} />
      <TagSection title="Synonyms" tags={data.synonyms} />
      <TagSection title="Meta tags" tags={data.metaTags} />
      <TagSection title="Sub tags" tags={data.subTags} />
      {byKind(data.parents).map(([kind, tags]) => (
        <TagSection title={`Parent ${TAG_KIND_PLURALS[kind]}`} tags={tags} />
      ))}
      {data.children.length ? (
        <section class="tag-section">
          <h2>Child tags</h2>
          {byKind(data.children).map(([kind, tags]) => (
            <>
              <h3>{TAG_KIND_PLURALS[kind]}</h3>
              <TagLinks tags={tags} />
            </>
          ))}
        </section>
      ) : null}
      {wrangling}
    </article>
  );
}
