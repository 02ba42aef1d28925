/** The prompt pages' parts: the prompt form, a prompt's blurb and page, the listing's filters and pager. */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Pseud } from '../../accounts/accounts.table.ts';
import { TAG_SET_KINDS, type TagRef } from '../../tag-sets/tag-set.ts';
import type { TagSetKind } from '../../tag-sets/tag-sets.table.ts';
import { ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../../web/forms.tsx';
import { prompterLabel, type Prompter } from './presenters.ts';
import { describeKind, KIND_LABELS, type PromptRules } from './rules.ts';
import { promptPath } from './route-helpers.ts';
import type { PromptFormValues } from './validate-prompt.ts';

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

export interface PromptFormProps {
  action: string;
  heading: string;
  values: PromptFormValues;
  errors: FieldErrors;
  rules: PromptRules;
  setTags: Record<TagSetKind, readonly TagRef[]>;
  pseuds: Pseud[];
  isAnonymousAllowed: boolean;
}

/**
 * The tag set's tags for each kind: a <datalist> the browser offers as the person types (no script needed), and
 * the whole list under a disclosure for a kind that takes several, comma-separated.
 */
export function PromptForm(props: PromptFormProps) {
  const { values, errors, rules, setTags } = props;
  return (
    <section class="prompt-form">
      <h1>{props.heading}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={props.action} id="form" novalidate>
        {props.pseuds.length > 1 ? (
          <SelectField
            name="pseud_id"
            label="Post as"
            value={values.pseud_id}
            errors={errors}
            options={props.pseuds.map((p) => [String(p.id), p.name] as const)}
          />
        ) : (
          <input type="hidden" name="pseud_id" value={values.pseud_id} />
        )}
        {TAG_SET_KINDS.filter((kind) => rules.tags[kind].allowed > 0 || values[kind]).map((kind) => (
          <div class="prompt-tags">
            <TextField
              name={kind}
              label={cap(KIND_LABELS[kind][rules.tags[kind].allowed === 1 ? 0 : 1])}
              value={values[kind]}
              errors={errors}
              required={rules.tags[kind].required > 0}
              hint={`${describeKind(rules, kind)} From this prompt meme’s tag set${rules.tags[kind].allowed > 1 ? ', separated by commas' : ''}.`}
              list={`${kind}-choices`}
            />
            <datalist id={`${kind}-choices`}>
              {setTags[kind].map((t) => (
                <option value={t.name}></option>
              ))}
            </datalist>
            {setTags[kind].length ? (
              <details class="tag-choices">
                <summary>The {KIND_LABELS[kind][1]} to choose from</summary>
                <p>{setTags[kind].map((t) => t.name).join(', ')}</p>
              </details>
            ) : null}
          </div>
        ))}
        <TextField name="title" label="Title" value={values.title} errors={errors} maxlength={255} />
        <TextArea
          name="description"
          label="Description"
          value={values.description}
          errors={errors}
          rows={6}
          required={rules.description === 'required'}
        />
        {rules.url !== 'none' || values.url ? (
          <TextField
            name="url"
            label="URL"
            type="url"
            value={values.url}
            errors={errors}
            required={rules.url === 'required'}
          />
        ) : null}
        {props.isAnonymousAllowed || values.anonymous ? (
          <div class={errors.anonymous ? 'field has-error' : 'field'}>
            <label for="anonymous">
              <input id="anonymous" type="checkbox" name="anonymous" value="1" checked={values.anonymous} /> Post
              anonymously (only you and the maintainers see that it is yours)
            </label>
            {errors.anonymous ? (
              <p class="field-error" id="anonymous-error">
                {errors.anonymous}
              </p>
            ) : null}
          </div>
        ) : null}
        <div class="actions">
          <button type="submit">Post prompt</button>
        </div>
      </form>
    </section>
  );
}

export interface PromptSummary {
  id: number;
  title: string;
  description: string;
  url: string;
  created_at: string;
  claims: number;
  fills: number;
  tags: Array<{ kind: TagSetKind; name: string; id: number }>;
  prompter: Prompter | null;
}

export function PromptTags({ tags }: { tags: PromptSummary['tags'] }) {
  if (!tags.length) return null;
  return (
    <dl class="prompt-tag-list">
      {TAG_SET_KINDS.filter((k) => tags.some((t) => t.kind === k)).map((kind) => (
        <>
          <dt>{cap(KIND_LABELS[kind][1])}:</dt>
          <dd>
            {tags
              .filter((t) => t.kind === kind)
              .map((t) => t.name)
              .join(', ')}
          </dd>
        </>
      ))}
    </dl>
  );
}

export function PromptBlurb({ prompt, collectionName }: { prompt: PromptSummary; collectionName: string }) {
  return (
    <li class="prompt-blurb">
      <h3>
        <a href={promptPath(collectionName, prompt.id)}>{prompt.title || `Prompt ${prompt.id}`}</a> by{' '}
        <span class="prompter">{prompterLabel(prompt.prompter)}</span>
      </h3>
      <PromptTags tags={prompt.tags} />
      {prompt.description ? <div class="prompt-description">{raw(prompt.description)}</div> : null}
      <p class="prompt-stats">
        {prompt.claims === 1 ? '1 claim' : `${prompt.claims} claims`} ·{' '}
        {prompt.fills === 1 ? '1 fill' : `${prompt.fills} fills`} · posted {prompt.created_at.slice(0, 10)}
      </p>
    </li>
  );
}

export function PromptFilters({ query, basePath }: { query: Record<string, string>; basePath: string }) {
  const select = (name: string, label: string, options: Array<[string, string]>) => (
    <label>
      {label}{' '}
      <select name={name}>
        {options.map(([value, text]) => (
          <option value={value} selected={(query[name] ?? '') === value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form method="get" action={basePath} class="prompt-filters">
      <label>
        Fandom <input type="text" name="fandom" value={query.fandom ?? ''} />
      </label>{' '}
      <label>
        Tags <input type="text" name="tags" value={query.tags ?? ''} placeholder="comma-separated" />
      </label>{' '}
      {select('claimed', 'Claimed', [
        ['', 'Either'],
        ['yes', 'Claimed'],
        ['no', 'Unclaimed'],
      ])}{' '}
      {select('filled', 'Filled', [
        ['', 'Either'],
        ['yes', 'Filled'],
        ['no', 'Unfilled'],
      ])}{' '}
      {select('sort', 'Sort by', [
        ['date', 'Date'],
        ['claims', 'Claims'],
        ['fills', 'Fills'],
      ])}{' '}
      <button type="submit">Filter</button>
    </form>
  );
}

export function Pager(props: { basePath: string; query: Record<string, string>; page: number; pages: number }): Child {
  if (props.pages <= 1) return null;
  const link = (page: number) => {
    const params = new URLSearchParams({ ...props.query, page: String(page) });
    return `${props.basePath}?${params}`;
  };
  return (
    <nav class="pager" aria-label="Pages">
      {props.page > 1 ? <a href={link(props.page - 1)}>Previous</a> : null} Page {props.page} of {props.pages}{' '}
      {props.page < props.pages ? <a href={link(props.page + 1)}>Next</a> : null}
    </nav>
  );
}
