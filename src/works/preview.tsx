/**
 * The preview panel shown above the post form: the meta block in
 * its fixed order (docs/DOMAIN.md), the preface and the cleaned chapter exactly as they
 * will be stored. Nothing is saved while previewing.
 */
import { countWordsInHtml } from './word-count.ts';
import { RELATIONS } from '../domain-facts.ts';
import type { ResolvedWorkForm } from './resolve-work-form.ts';

function TagList({ names }: { names: readonly string[] }) {
  return (
    <ul class="tags">
      {names.map((name) => (
        <li>{name}</li>
      ))}
    </ul>
  );
}

function MetaRow({ label, names }: { label: string; names: readonly string[] }) {
  if (!names.length) return null;
  return (
    <>
      <dt>{label}:</dt>
      <dd>
        <TagList names={names} />
      </dd>
    </>
  );
}

/** Stored (already sanitized) HTML, under a heading when it has one. */
function Userstuff({ heading, html }: { heading?: string; html: string }) {
  if (!html) return null;
  return (
    <div class="preview-part">
      {heading ? <h4>{heading}</h4> : null}
      <div class="userstuff" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}

export function WorkPreview(props: { resolved: ResolvedWorkForm; seriesTitle?: string }) {
  const { input, chapter, creatorNames, languageName } = props.resolved;
  const words = chapter ? countWordsInHtml(chapter.body) : undefined;
  const related = input.related[0];
  return (
    <section class="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      <p class="notice">
        This is how your work will look. Nothing has been saved yet: post it or save it as a draft below.
      </p>
      <dl class="meta">
        <MetaRow label="Rating" names={[input.rating]} />
        <MetaRow label="Archive Warnings" names={input.warnings} />
        <MetaRow label="Categories" names={input.categories} />
        <MetaRow label="Fandoms" names={input.fandoms} />
        <MetaRow label="Relationships" names={input.relationships} />
        <MetaRow label="Characters" names={input.characters} />
        <MetaRow label="Additional Tags" names={input.freeforms} />
        <dt>Language:</dt>
        <dd>{languageName}</dd>
        {props.seriesTitle ? (
          <>
            <dt>Series:</dt>
            <dd>{props.seriesTitle}</dd>
          </>
        ) : null}
        {words !== undefined ? (
          <>
            <dt>Stats:</dt>
            <dd>
              Published: {input.publishedOn ?? 'when posted'} · Words: {words.toLocaleString('en')} · Chapters: 1/
              {input.expectedChapters ?? '?'}
            </dd>
          </>
        ) : null}
      </dl>
      <h3 class="title">{input.title}</h3>
      <p class="byline">by {creatorNames.join(', ')}</p>
      {input.gifts.length ? <p>For {input.gifts.map((g) => g.recipientName).join(', ')}.</p> : null}
      {related ? (
        <p>
          {RELATIONS[related.relation]} {related.url ?? `/works/${related.parentWorkId}`}
        </p>
      ) : null}
      <Userstuff heading="Summary" html={input.summary} />
      <Userstuff heading="Notes" html={input.notes} />
      {chapter ? (
        <article class="preview-chapter" aria-label="Chapter text">
          {chapter.title ? <h4>{chapter.title}</h4> : null}
          <div class="userstuff chapter-body" dangerouslySetInnerHTML={{ __html: chapter.body }} />
        </article>
      ) : null}
      <Userstuff heading="End notes" html={input.endNotes} />
    </section>
  );
}
