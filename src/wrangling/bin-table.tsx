/**
 * A bin (or search result) as a table of tags with a checkbox each, inside
 * one form whose buttons apply a wrangling action to the selection. Plain
 * HTML: every button is a submit button of the same form.
 */
import type { TagKind } from '../tags/tags.table.ts';
import { TAG_KIND_LABELS, WRANGLABLE_KINDS } from '../tags/kinds.ts';
import { tagPath } from '../tags/names.ts';
import type { BinTag } from './bin-queries.ts';
import { TagNameInput } from './tag-forms.tsx';

const STATUS_LABELS = {
  any: 'Any',
  canonical: 'Canonical',
  synonym: 'Synonym',
  unwrangled: 'Unwrangled',
  unwrangleable: 'Unwrangleable',
} as const;

export interface BinTableProps {
  caption: string;
  tags: BinTag[];
  /** Where to come back to after a mass action (a local /wrangling path). */
  returnTo: string;
  /** Prefills "Attach to fandom" in a fandom's bin. */
  fandomName?: string;
  /** The kind the bin holds, for the synonym autocomplete. */
  kind?: TagKind;
}

export function BinTable({ caption, tags, returnTo, fandomName, kind }: BinTableProps) {
  if (!tags.length) return <p>{caption}: nothing here. Well wrangled!</p>;
  return (
    <form method="post" action="/wrangling/mass" class="bin-form">
      <input type="hidden" name="return_to" value={returnTo} />
      <table class="bin">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Select</th>
            <th scope="col">Tag</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Works</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {tags.map((tag) => (
            <tr>
              <td>
                <input type="checkbox" name="tag_ids" value={String(tag.id)} aria-label={`Select ${tag.name}`} />
              </td>
              <th scope="row">
                <a href={tagPath(tag.name)}>{tag.name}</a>
              </th>
              <td>{TAG_KIND_LABELS[tag.kind]}</td>
              <td>{STATUS_LABELS[tag.status]}</td>
              <td>{tag.uses}</td>
              <td>
                <time datetime={tag.createdAt}>{tag.createdAt.slice(0, 10)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset class="mass-actions">
        <legend>With the selected tags</legend>
        <div class="actions">
          <button type="submit" name="action" value="canonical">
            Make canonical
          </button>
          <button type="submit" name="action" value="unwrangleable" class="secondary">
            Mark unwrangleable
          </button>
        </div>
        <div class="mass-action">
          <TagNameInput name="synonym_of" label="Canonical tag to make them synonyms of" suggest={kind} />
          <button type="submit" name="action" value="synonym">
            Make synonyms
          </button>
        </div>
        <div class="mass-action">
          <TagNameInput name="parent" label="Fandom to attach them to" suggest="fandom" value={fandomName} />
          <button type="submit" name="action" value="attach_parent">
            Attach to fandom
          </button>
        </div>
        <div class="mass-action">
          <div class="field">
            <label for="mass-kind">New kind</label>
            <select id="mass-kind" name="kind">
              {WRANGLABLE_KINDS.map((k) => (
                <option value={k} selected={k === kind}>
                  {TAG_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" name="action" value="kind">
            Change kind
          </button>
        </div>
      </fieldset>
    </form>
  );
}

export { STATUS_LABELS };
