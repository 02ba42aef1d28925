/**
 * The work meta block, in the order docs/DOMAIN.md fixes and fans know from AO3:
 * Rating, Archive Warnings, Category, Fandoms, Relationships, Characters,
 * Additional Tags, Language, Series, (Collections), then Stats. Every tag
 * links to its works listing. Readers who asked not to see warnings or
 * additional tags get them behind a <details> click (no JavaScript needed).
 */
import type { Child } from 'hono/jsx';
import { tagWorksPath } from '../tags/names.ts';
import type { Viewer } from '../web/context.ts';
import type { WorkForDisplay } from './display-queries.ts';
import type { TagRef } from './work-parts-queries.ts';

export function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}

/** Chapters as posted/expected: `3/10`, or `3/?` when the total is unknown. */
export function chaptersLabel(posted: number, expected: number | null): string {
  return `${posted}/${expected ?? '?'}`;
}

/** A work reads as multi-chapter once it has, or expects, more than one chapter. */
export function isMultiChapter(work: { postedChapters: number; expectedChapters: number | null }): boolean {
  return work.postedChapters > 1 || work.expectedChapters !== 1;
}

export function TagList({ tags, class: className }: { tags: Array<TagRef | string>; class?: string }) {
  return (
    <ul class={className ? `tags ${className}` : 'tags'}>
      {tags.map((tag) => {
        const name = typeof tag === 'string' ? tag : tag.name;
        return (
          <li>
            <a class="tag" href={tagWorksPath(name)}>
              {name}
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/** Content some readers want behind a click, to avoid spoilers. */
export function Spoiler({ hidden, label, children }: { hidden: boolean; label: string; children: Child }) {
  if (!hidden) return <>{children}</>;
  return (
    <details class="spoiler">
      <summary>{label}</summary>
      {children}
    </details>
  );
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

function Entry({ label, class: className, children }: { label: string; class: string; children: Child }) {
  return (
    <>
      <dt class={className}>{label}</dt>
      <dd class={className}>{children}</dd>
    </>
  );
}

/** Each label–value pair in its own <div> (allowed inside <dl>) so pairs wrap together. */
function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div class="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function MetaBlock({ work, viewer }: { work: WorkForDisplay; viewer: Viewer | null }) {
  const { tags } = work;
  const multiChapter = isMultiChapter(work);
  return (
    <section class="work-meta" aria-label="Work information">
      <dl class="meta">
        <Entry label="Rating:" class="rating">
          <TagList tags={[work.rating]} />
        </Entry>
        <Entry label={plural(tags.warning.length, 'Archive Warning:', 'Archive Warnings:')} class="warnings">
          <Spoiler hidden={!!viewer?.hideWarnings} label="Show warnings">
            <TagList tags={tags.warning} />
          </Spoiler>
        </Entry>
        {tags.category.length ? (
          <Entry label={plural(tags.category.length, 'Category:', 'Categories:')} class="categories">
            <TagList tags={tags.category} />
          </Entry>
        ) : null}
        <Entry label={plural(tags.fandom.length, 'Fandom:', 'Fandoms:')} class="fandoms">
          {tags.fandom.length ? <TagList tags={tags.fandom} /> : <span class="none">No fandom</span>}
        </Entry>
        {tags.relationship.length ? (
          <Entry label={plural(tags.relationship.length, 'Relationship:', 'Relationships:')} class="relationships">
            <TagList tags={tags.relationship} />
          </Entry>
        ) : null}
        {tags.character.length ? (
          <Entry label={plural(tags.character.length, 'Character:', 'Characters:')} class="characters">
            <TagList tags={tags.character} />
          </Entry>
        ) : null}
        {tags.freeform.length ? (
          <Entry label="Additional Tags:" class="freeforms">
            <Spoiler hidden={!!viewer?.hideFreeform} label="Show additional tags">
              <TagList tags={tags.freeform} />
            </Spoiler>
          </Entry>
        ) : null}
        <Entry label="Language:" class="language">
          <span lang={work.language.code}>{work.language.name}</span>
        </Entry>
        {work.series.length ? (
          <Entry label="Series:" class="series">
            <ul class="series-places">
              {work.series.map((place) => (
                <li>
                  Part {place.position} of{' '}
                  <a class="series-title" href={`/series/${place.seriesId}`}>
                    {place.title}
                  </a>
                </li>
              ))}
            </ul>
          </Entry>
        ) : null}
        {/* Collections go here, between Series and Stats, once works can join collections. */}
        <Entry label="Stats:" class="stats">
          <dl class="stats">
            <Stat label="Published:" value={work.publishedOn ?? '—'} />
            {multiChapter ? (
              work.isComplete ? (
                <Stat label="Completed:" value={work.completedOn ?? work.updatedOn ?? '—'} />
              ) : (
                <Stat label="Updated:" value={work.updatedOn ?? work.publishedOn ?? '—'} />
              )
            ) : null}
            <Stat label="Words:" value={formatNumber(work.wordCount)} />
            <Stat label="Chapters:" value={chaptersLabel(work.postedChapters, work.expectedChapters)} />
            <Stat label="Comments:" value={formatNumber(work.stats.comments)} />
            <Stat label="Kudos:" value={formatNumber(work.stats.kudos)} />
            <Stat label="Bookmarks:" value={formatNumber(work.stats.bookmarks)} />
            <Stat label="Hits:" value={formatNumber(work.stats.hits)} />
          </dl>
        </Entry>
      </dl>
    </section>
  );
}
