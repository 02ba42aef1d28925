/**
 * What a wrangler sees on a tag's page: one small form per wrangling
 * action (each a plain POST to /tags/:name/wrangle that works without
 * JavaScript), and the tag's wrangling log.
 */
import type { Child } from 'hono/jsx';
import type { Tag } from '../tags/tags.table.ts';
import type { WranglingAction } from './wrangling.table.ts';
import { isFixedKind, parentKindsOf, TAG_KIND_LABELS, WRANGLABLE_KINDS } from '../tags/kinds.ts';
import { tagPath } from '../tags/names.ts';

function ActionForm({ tag, action, children, label }: { tag: Tag; action: string; children?: Child; label: string }) {
  return (
    <form method="post" action={`${tagPath(tag.name)}/wrangle`} class="wrangle-form">
      {children}
      <button type="submit" name="action" value={action}>
        {label}
      </button>
    </form>
  );
}

/** A labelled tag-name field; `suggest` names the kind the autocomplete offers (progressive enhancement). */
export function TagNameInput({
  name,
  label,
  suggest,
  value,
}: {
  name: string;
  label: string;
  suggest?: string;
  value?: string;
}) {
  return (
    <div class="field">
      <label for={`wrangle-${name}`}>{label}</label>
      <input
        id={`wrangle-${name}`}
        name={name}
        type="text"
        value={value ?? ''}
        autocomplete="off"
        data-tag-suggest={suggest}
      />
    </div>
  );
}

function RemoveLinkButton({
  tag,
  action,
  field,
  other,
  verb,
}: {
  tag: Tag;
  action: string;
  field: string;
  other: Tag;
  verb: string;
}) {
  return (
    <form method="post" action={`${tagPath(tag.name)}/wrangle`} class="inline">
      <input type="hidden" name={field} value={other.name} />
      <button type="submit" name="action" value={action} class="secondary" aria-label={`${verb} ${other.name}`}>
        {verb.split(' ')[0]}
      </button>
    </form>
  );
}

export function TagWranglingForms({ tag, metaTags, parents }: { tag: Tag; metaTags: Tag[]; parents: Tag[] }) {
  if (isFixedKind(tag.kind)) {
    return (
      <section class="wrangling-panel">
        <h2>Wrangling</h2>
        <p>Ratings, archive warnings and categories are fixed; they are not wrangled.</p>
      </section>
    );
  }
  const parentKinds = parentKindsOf(tag.kind)
    .map((k) => TAG_KIND_LABELS[k])
    .join(' or ');
  return (
    <section class="wrangling-panel" aria-labelledby="wrangling-heading">
      <h2 id="wrangling-heading">Wrangling</h2>
      <div class="wrangle-grid">
        {!tag.is_canonical && tag.kind !== 'unsorted' ? (
          <ActionForm tag={tag} action="canonical" label="Make canonical" />
        ) : null}
        <ActionForm tag={tag} action="synonym" label="Make synonym">
          <TagNameInput name="synonym_of" label="Make this a synonym of (a canonical tag)" suggest={tag.kind} />
        </ActionForm>
        <ActionForm tag={tag} action="kind" label="Change kind">
          <div class="field">
            <label for="wrangle-kind">Kind</label>
            <select id="wrangle-kind" name="kind">
              {WRANGLABLE_KINDS.map((kind) => (
                <option value={kind} selected={kind === tag.kind}>
                  {TAG_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          </div>
        </ActionForm>
        {tag.is_canonical ? (
          <>
            <ActionForm tag={tag} action="add_meta" label="Add meta tag">
              <TagNameInput name="meta" label="Meta tag (a canonical tag of the same kind)" suggest={tag.kind} />
            </ActionForm>
            <ActionForm tag={tag} action="rename" label="Rename">
              <TagNameInput name="name" label="New name (fix capitalization or spelling)" value={tag.name} />
            </ActionForm>
          </>
        ) : null}
        {parentKinds && tag.synonym_of_id === null ? (
          <ActionForm tag={tag} action="attach_parent" label="Attach">
            <TagNameInput name="parent" label={`Attach to a ${parentKinds}`} suggest={parentKindsOf(tag.kind)[0]} />
          </ActionForm>
        ) : null}
        {tag.is_unwrangleable ? (
          <ActionForm tag={tag} action="wrangleable" label="Put back in the bins (not unwrangleable)" />
        ) : (
          <ActionForm tag={tag} action="unwrangleable" label="Mark unwrangleable" />
        )}
      </div>
      {metaTags.length || parents.length ? (
        <>
          <h3>Remove links</h3>
          <ul class="link-list">
            {metaTags.map((meta) => (
              <li>
                Meta tag <a href={tagPath(meta.name)}>{meta.name}</a>{' '}
                <RemoveLinkButton tag={tag} action="remove_meta" field="meta" other={meta} verb="Remove meta tag" />
              </li>
            ))}
            {parents.map((parent) => (
              <li>
                {TAG_KIND_LABELS[parent.kind]} <a href={tagPath(parent.name)}>{parent.name}</a>{' '}
                <RemoveLinkButton tag={tag} action="detach_parent" field="parent" other={parent} verb="Detach from" />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function WranglingLog({ entries }: { entries: WranglingAction[] }) {
  return (
    <section class="wrangling-log" aria-labelledby="wrangling-log-heading">
      <h2 id="wrangling-log-heading">Wrangling log</h2>
      {entries.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td>
                  <time datetime={e.created_at}>{when(e.created_at)}</time>
                </td>
                <td>{e.actor_name}</td>
                <td>{e.action}</td>
                <td>{e.before}</td>
                <td>{e.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No wrangling yet.</p>
      )}
    </section>
  );
}
