/**
 * A work's blurb in listings: title and creators, fandoms, the four
 * indicators (rating, warnings, category, completion) as text a screen
 * reader reads out, tags, summary, and the figures. Warnings and additional
 * tags honour the reader's choice to keep them behind a click.
 */
import type { Child } from 'hono/jsx';
import type { Viewer } from '../web/context.ts';
import { CreatorLinks, GiftRecipients } from './creator-links.tsx';
import type { WorkBlurb } from './listing-queries.ts';
import { chaptersLabel, formatNumber, Spoiler, TagList } from './meta-block.tsx';

const RATING_CLASSES: Record<string, string> = {
  'General Audiences': 'rating-general',
  'Teen And Up Audiences': 'rating-teen',
  Mature: 'rating-mature',
  Explicit: 'rating-explicit',
  'Not Rated': 'rating-notrated',
};

/** The warning indicator says only whether warnings apply, so it spoils nothing. */
function warningIndicator(warnings: string[]): { label: string; class: string } {
  if (warnings.length === 1 && warnings[0] === 'No Archive Warnings Apply') {
    return { label: 'No Archive Warnings Apply', class: 'warning-none' };
  }
  if (warnings.every((w) => w === 'Creator Chose Not To Use Archive Warnings')) {
    return { label: 'Creator Chose Not To Use Archive Warnings', class: 'warning-choosenot' };
  }
  return { label: 'Archive Warnings Apply', class: 'warning-yes' };
}

function categoryIndicator(categories: string[]): { label: string; class: string } {
  if (!categories.length) return { label: 'No category', class: 'category-none' };
  if (categories.length > 1) return { label: `Multiple categories: ${categories.join(', ')}`, class: 'category-multi' };
  return { label: categories[0], class: `category-${categories[0].toLowerCase().replace('/', '')}` };
}

function Indicators({ work }: { work: WorkBlurb }) {
  const warning = warningIndicator(work.tags.warning.map((t) => t.name));
  const category = categoryIndicator(work.tags.category.map((t) => t.name));
  return (
    <ul class="indicators">
      <li class={RATING_CLASSES[work.rating] ?? 'rating-notrated'}>
        <span class="visually-hidden">Rating: </span>
        {work.rating}
      </li>
      <li class={warning.class}>
        <span class="visually-hidden">Warnings: </span>
        {warning.label}
      </li>
      <li class={category.class}>
        <span class="visually-hidden">Category: </span>
        {category.label}
      </li>
      <li class={work.isComplete ? 'complete-yes' : 'complete-no'}>
        <span class="visually-hidden">Status: </span>
        {work.isComplete ? 'Complete Work' : 'Work in Progress'}
      </li>
    </ul>
  );
}

/** A label and its value, grouped in a <div> (allowed inside <dl>) so they wrap together. */
function Figure({ label, lang, children }: { label: string; lang?: string; children: Child }) {
  return (
    <div class="figure">
      <dt>{label}</dt>
      <dd lang={lang}>{children}</dd>
    </div>
  );
}

export function Blurb({
  work,
  viewer,
  level = 2,
  children,
}: {
  work: WorkBlurb;
  viewer: Viewer | null;
  level?: 2 | 3;
  /** Extra lines at the end of the blurb, e.g. where a search matched (search/listing-parts.tsx). */
  children?: Child;
}) {
  const heading = (
    <>
      <a href={`/works/${work.id}`}>{work.title}</a> by{' '}
      <CreatorLinks creators={work.creators} anonymous={work.isAnonymous} />
      {work.gifts.length ? (
        <>
          {' '}
          for <GiftRecipients gifts={work.gifts} />
        </>
      ) : null}
    </>
  );
  return (
    <li class="blurb" id={`work-${work.id}`}>
      <div class="blurb-header">
        {level === 2 ? <h2 class="heading">{heading}</h2> : <h3 class="heading">{heading}</h3>}
        <div class="fandoms">
          <span class="visually-hidden">Fandoms: </span>
          {work.tags.fandom.length ? <TagList tags={work.tags.fandom} /> : 'No fandom'}
        </div>
        <Indicators work={work} />
        <p class="datetime">
          <span class="visually-hidden">Last updated: </span>
          {work.updatedOn ?? work.publishedOn ?? ''}
        </p>
      </div>
      {work.isRestricted || work.isHidden || work.status === 'draft' ? (
        <p class="blurb-flags">
          {work.status === 'draft' ? <span class="flag">Draft</span> : null}
          {work.isRestricted ? <span class="flag">Restricted to logged-in users</span> : null}
          {work.isHidden ? <span class="flag">Hidden by a moderator</span> : null}
        </p>
      ) : null}
      <div class="blurb-tags">
        {work.tags.warning.length ? (
          <Spoiler hidden={!!viewer?.hideWarnings} label="Show warnings">
            <TagList tags={work.tags.warning} class="warnings" />
          </Spoiler>
        ) : null}
        {work.tags.relationship.length ? <TagList tags={work.tags.relationship} class="relationships" /> : null}
        {work.tags.character.length ? <TagList tags={work.tags.character} class="characters" /> : null}
        {work.tags.freeform.length ? (
          <Spoiler hidden={!!viewer?.hideFreeform} label="Show additional tags">
            <TagList tags={work.tags.freeform} class="freeforms" />
          </Spoiler>
        ) : null}
      </div>
      {work.series.length ? (
        <p class="series">
          <span class="visually-hidden">Series: </span>
          {work.series.map((place, i) => (
            <>
              {i > 0 ? '; ' : ''}Part {place.position} of <a href={`/series/${place.seriesId}`}>{place.title}</a>
            </>
          ))}
        </p>
      ) : null}
      {work.collections?.length ? (
        <p class="collections">
          Collections:{' '}
          {work.collections.map((collection, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={`/collections/${encodeURIComponent(collection.name)}`}>{collection.title}</a>
            </>
          ))}
        </p>
      ) : null}
      {work.summary ? (
        <div class="summary userstuff" lang={work.language.code}>
          <p class="visually-hidden">Summary:</p>
          <blockquote dangerouslySetInnerHTML={{ __html: work.summary }} />
        </div>
      ) : null}
      <dl class="blurb-stats">
        <Figure label="Language:" lang={work.language.code}>
          {work.language.name}
        </Figure>
        <Figure label="Words:">{formatNumber(work.wordCount)}</Figure>
        <Figure label="Chapters:">{chaptersLabel(work.postedChapters, work.expectedChapters)}</Figure>
        <Figure label="Comments:">{formatNumber(work.stats.comments)}</Figure>
        <Figure label="Kudos:">{formatNumber(work.stats.kudos)}</Figure>
        <Figure label="Bookmarks:">{formatNumber(work.stats.bookmarks)}</Figure>
        <Figure label="Hits:">{formatNumber(work.stats.hits)}</Figure>
      </dl>
      {children}
    </li>
  );
}
