/**
 * The tag set pages: the list of sets, one set (its description,
 * maintainers, and tags by kind with each fandom's characters and
 * relationships), and the maintainers' page (settings, adding and removing
 * tags, co-maintainers). Nomination pages are in `nomination-views.tsx`.
 */
import { sanitizeBody } from '../html/body.ts';
import { TAG_KIND_PLURALS } from '../tags/kinds.ts';
import { tagPath } from '../tags/names.ts';
import { ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../web/forms.tsx';
import type { Maintainer, TagSetSummary } from './queries.ts';
import { TAG_SET_KINDS, type TagRef, type TagSetContents } from './tag-set.ts';
import type { TagSetRow } from './tag-sets.table.ts';

export interface TagSetFormValues {
  title: string;
  description: string;
  isVisible: boolean;
  isUsable: boolean;
  areNominationsOpen: boolean;
  fandomLimit: string;
  characterLimit: string;
  relationshipLimit: string;
}

export function valuesOfSet(set: TagSetRow): TagSetFormValues {
  return {
    title: set.title,
    description: set.description,
    isVisible: set.is_visible === 1,
    isUsable: set.is_usable === 1,
    areNominationsOpen: set.are_nominations_open === 1,
    fandomLimit: String(set.fandom_nomination_limit),
    characterLimit: String(set.character_nomination_limit),
    relationshipLimit: String(set.relationship_nomination_limit),
  };
}

export function TagSetListPage({ sets, canCreate }: { sets: TagSetSummary[]; canCreate: boolean }) {
  return (
    <section class="tag-sets">
      <h1>Tag sets</h1>
      <p>Named lists of fandoms, characters, relationships and additional tags that challenges choose from.</p>
      {canCreate ? (
        <p>
          <a href="/tag_sets/new">Start a tag set</a>
        </p>
      ) : null}
      {sets.length ? (
        <ul class="tag-set-list">
          {sets.map((s) => (
            <li>
              <a href={`/tag_sets/${s.id}`}>{s.title}</a> ({s.tagCount} {s.tagCount === 1 ? 'tag' : 'tags'})
              {s.isVisible ? '' : ' · private'}
              {s.areNominationsOpen ? ' · nominations open' : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>There are no tag sets yet.</p>
      )}
    </section>
  );
}

function Check({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div class="field">
      <label class="choice" for={name}>
        <input type="checkbox" id={name} name={name} value="1" checked={checked} /> {label}
      </label>
    </div>
  );
}

export function TagSetForm({
  action,
  values,
  errors,
  submit,
}: {
  action: string;
  values: TagSetFormValues;
  errors: FieldErrors;
  submit: string;
}) {
  return (
    <form method="post" action={action}>
      <ErrorSummary errors={errors} />
      <TextField name="title" label="Title" value={values.title} errors={errors} required maxlength={255} />
      <TextArea
        name="description"
        label="Description"
        value={values.description}
        errors={errors}
        hint="Plain text or HTML; it is cleaned as work notes are."
      />
      <Check name="is_visible" label="Others may see this tag set" checked={values.isVisible} />
      <Check name="is_usable" label="Others may use this tag set in their challenges" checked={values.isUsable} />
      <Check name="are_nominations_open" label="Nominations are open" checked={values.areNominationsOpen} />
      <TextField
        name="fandom_limit"
        label="Fandoms each person may nominate"
        type="number"
        value={values.fandomLimit}
        errors={errors}
      />
      <TextField
        name="character_limit"
        label="Characters each person may nominate per fandom"
        type="number"
        value={values.characterLimit}
        errors={errors}
      />
      <TextField
        name="relationship_limit"
        label="Relationships each person may nominate per fandom"
        type="number"
        value={values.relationshipLimit}
        errors={errors}
      />
      <button type="submit">{submit}</button>
    </form>
  );
}

const TagLinks = ({ tags }: { tags: readonly TagRef[] }) => (
  <ul class="tags commas">
    {tags.map((t) => (
      <li>
        <a class="tag" href={tagPath(t.name)}>
          {t.name}
        </a>
      </li>
    ))}
  </ul>
);

export function TagSetContentsView({ contents }: { contents: TagSetContents }) {
  return (
    <>
      <section class="tag-set-fandoms">
        <h2>{TAG_KIND_PLURALS.fandom}</h2>
        {contents.fandoms.length ? (
          <dl>
            {contents.fandoms.map((f) => (
              <>
                <dt>
                  <a class="tag" href={tagPath(f.name)}>
                    {f.name}
                  </a>
                </dt>
                <dd>
                  {f.characters.length ? (
                    <>
                      <h3>Characters</h3>
                      <TagLinks tags={f.characters} />
                    </>
                  ) : null}
                  {f.relationships.length ? (
                    <>
                      <h3>Relationships</h3>
                      <TagLinks tags={f.relationships} />
                    </>
                  ) : null}
                </dd>
              </>
            ))}
          </dl>
        ) : (
          <p>No fandoms yet.</p>
        )}
      </section>
      {contents.unassociated.characters.length ? (
        <section>
          <h2>Characters in no fandom of the set</h2>
          <TagLinks tags={contents.unassociated.characters} />
        </section>
      ) : null}
      {contents.unassociated.relationships.length ? (
        <section>
          <h2>Relationships in no fandom of the set</h2>
          <TagLinks tags={contents.unassociated.relationships} />
        </section>
      ) : null}
      {contents.byKind.freeform.length ? (
        <section>
          <h2>{TAG_KIND_PLURALS.freeform}</h2>
          <TagLinks tags={contents.byKind.freeform} />
        </section>
      ) : null}
    </>
  );
}

export function TagSetPage({
  set,
  maintainers,
  contents,
  canEdit,
  canNominate,
  canReview,
}: {
  set: TagSetRow;
  maintainers: readonly Maintainer[];
  contents: TagSetContents;
  canEdit: boolean;
  canNominate: boolean;
  canReview: boolean;
}) {
  const base = `/tag_sets/${set.id}`;
  return (
    <article class="tag-set">
      <h1>{set.title}</h1>
      <p class="byline">
        Maintained by{' '}
        {maintainers.map((m, i) => (
          <>
            {i ? ', ' : ''}
            <a href={`/users/${encodeURIComponent(m.username)}`}>{m.username}</a>
          </>
        ))}
        {set.is_visible === 1 ? '' : ' · private'}
        {set.is_usable === 1 ? '' : ' · not open to other challenges'}
      </p>
      {set.description ? (
        <blockquote class="userstuff" dangerouslySetInnerHTML={{ __html: sanitizeBody(set.description) }} />
      ) : null}
      <ul class="actions">
        {canEdit ? (
          <li>
            <a href={`${base}/edit`}>Edit tag set</a>
          </li>
        ) : null}
        {canReview ? (
          <li>
            <a href={`${base}/nominations`}>Review nominations</a>
          </li>
        ) : null}
        {canNominate ? (
          <li>
            <a href={`${base}/nominations/mine`}>Nominate tags</a>
          </li>
        ) : null}
      </ul>
      {set.are_nominations_open === 1 ? (
        <p>
          Nominations are open: up to {set.fandom_nomination_limit} fandoms, and under each up to{' '}
          {set.character_nomination_limit} characters and {set.relationship_nomination_limit} relationships.
        </p>
      ) : null}
      <TagSetContentsView contents={contents} />
    </article>
  );
}

const KIND_OPTIONS = TAG_SET_KINDS.map((k) => [k, TAG_KIND_PLURALS[k]] as const);

export function TagSetManagePage({
  set,
  values,
  errors,
  maintainers,
  contents,
  canManageMaintainers,
}: {
  set: TagSetRow;
  values: TagSetFormValues;
  errors: FieldErrors;
  maintainers: readonly Maintainer[];
  contents: TagSetContents;
  canManageMaintainers: boolean;
}) {
  const base = `/tag_sets/${set.id}`;
  return (
    <section class="tag-set-edit">
      <h1>
        Edit tag set: <a href={base}>{set.title}</a>
      </h1>
      <h2>Settings</h2>
      <TagSetForm action={`${base}/edit`} values={values} errors={errors} submit="Save tag set" />
      <h2>Add tags</h2>
      <form method="post" action={`${base}/tags`}>
        <SelectField name="kind" label="Kind" options={KIND_OPTIONS} value="fandom" errors={errors} />
        <TextField name="names" label="Tags, separated by commas" errors={errors} />
        <TextField
          name="fandom"
          label="In fandom (characters and relationships)"
          errors={errors}
          hint="The set associates them to this fandom, even where the archive's wrangling has not."
        />
        <button type="submit">Add tags</button>
      </form>
      <h2>Remove tags</h2>
      <form method="post" action={`${base}/tags/remove`}>
        {TAG_SET_KINDS.map((kind) =>
          contents.byKind[kind].length ? (
            <fieldset>
              <legend>{TAG_KIND_PLURALS[kind]}</legend>
              {contents.byKind[kind].map((t) => (
                <label class="choice">
                  <input type="checkbox" name="tag" value={String(t.id)} /> {t.name}
                </label>
              ))}
            </fieldset>
          ) : null,
        )}
        <button type="submit" class="secondary">
          Remove ticked tags
        </button>
      </form>
      <h2>Maintainers</h2>
      {canManageMaintainers ? (
        <>
          <form method="post" action={`${base}/maintainers/remove`}>
            <ul>
              {maintainers.map((m) => (
                <li>
                  {m.isOwner ? (
                    <>{m.username} (owner)</>
                  ) : (
                    <label class="choice">
                      <input type="checkbox" name="maintainer" value={String(m.userId)} /> {m.username}
                    </label>
                  )}
                </li>
              ))}
            </ul>
            <button type="submit" class="secondary">
              Remove ticked co-maintainers
            </button>
          </form>
          <form method="post" action={`${base}/maintainers`}>
            <TextField name="username" label="Add a co-maintainer (user name)" errors={errors} />
            <button type="submit">Add co-maintainer</button>
          </form>
        </>
      ) : (
        <ul>
          {maintainers.map((m) => (
            <li>
              {m.username}
              {m.isOwner ? ' (owner)' : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
