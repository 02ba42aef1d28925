/** The bookmark form and one bookmark in a listing (the listing page and its sidebar: listing-views.tsx). */
import type { FieldErrors } from '../web/forms.tsx';
import { ErrorSummary, TextArea, TextField } from '../web/forms.tsx';
import type { BookmarkForm } from './bookmark-input.ts';
import { MAX_NOTES } from './bookmark-input.ts';
import type { BookmarkRow } from './listing-queries.ts';
import { ReportLink } from '../web/report-link.tsx';

export function BookmarkFormView(props: {
  action: string;
  title: string;
  values: BookmarkForm;
  errors: FieldErrors;
  pseuds: readonly { id: number; name: string }[];
  deleteAction?: string;
  /** Fields shown before the bookmark's own (the external work's). */
  before?: unknown;
  /** The owner's lists to file it in, and those it is in. */
  lists?: { all: readonly { id: number; name: string }[]; chosen: readonly number[] };
}) {
  const { values, errors, pseuds } = props;
  return (
    <>
      <h1>{props.title}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={props.action} class="bookmark-form">
        {props.before ?? null}
        {pseuds.length > 1 && !props.deleteAction ? (
          <div class="field">
            <label for="pseud_id">Bookmark as</label>
            <select id="pseud_id" name="pseud_id">
              {pseuds.map((p) => (
                <option value={String(p.id)} selected={values.pseudId === String(p.id)}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <TextArea
          name="notes"
          label="Notes"
          value={values.notes}
          errors={errors}
          rows={6}
          hint={`A little HTML is allowed; at most ${MAX_NOTES.toLocaleString('en')} characters.`}
        />
        <TextField name="tags" label="Your tags" value={values.tags} errors={errors} hint="Separated by commas." />
        <div class="field">
          <label>
            <input type="checkbox" name="is_rec" value="1" checked={values.isRec} /> Rec (recommend it to others)
          </label>
        </div>
        <div class="field">
          <label>
            <input type="checkbox" name="is_private" value="1" checked={values.isPrivate} /> Private (only you see it)
          </label>
        </div>
        {props.lists?.all.length ? (
          <fieldset class="field">
            <legend>Lists</legend>
            {props.lists.all.map((list) => (
              <label>
                <input
                  type="checkbox"
                  name="list_ids"
                  value={String(list.id)}
                  checked={props.lists!.chosen.includes(list.id)}
                />{' '}
                {list.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        <button type="submit">{props.deleteAction ? 'Update bookmark' : 'Create bookmark'}</button>
      </form>
      {props.deleteAction ? (
        <form method="post" action={props.deleteAction}>
          <button type="submit">Delete bookmark</button>
        </form>
      ) : null}
    </>
  );
}

/** Where the bookmarked item lives. */
export function itemPath(bookmark: Pick<BookmarkRow, 'work_id' | 'series_id' | 'external_work_id'>): string {
  if (bookmark.work_id !== null) return `/works/${bookmark.work_id}`;
  if (bookmark.series_id !== null) return `/series/${bookmark.series_id}`;
  return `/external_works/${bookmark.external_work_id}`;
}

/**
 * One bookmark. The item's title shows only when the viewer may see the item (src/visibility answered in the
 * row); otherwise (its owner's own page) it says the work was deleted or is not available, and keeps the notes.
 */
export function BookmarkItem(props: { bookmark: BookmarkRow; tags: readonly string[]; isOwner: boolean }) {
  const { bookmark, tags } = props;
  const kind = bookmark.work_id !== null ? 'Work' : bookmark.series_id !== null ? 'Series' : 'External work';
  return (
    <li class="bookmark" id={`bookmark-${bookmark.id}`}>
      <h3 class="bookmark-item">
        {bookmark.is_item_listed ? (
          <>
            <a href={itemPath(bookmark)}>{bookmark.title}</a> <span class="item-kind">({kind})</span>
          </>
        ) : bookmark.deleted_at || bookmark.work_id === null ? (
          'This has been deleted, sorry!'
        ) : (
          'This work is not available.'
        )}
      </h3>
      <p class="bookmark-meta">
        Bookmarked by <a href={`/users/${bookmark.username}/bookmarks`}>{bookmark.pseud_name}</a>
        {bookmark.pseud_name !== bookmark.username ? ` (${bookmark.username})` : ''} on{' '}
        <time datetime={bookmark.created_at}>{bookmark.created_at.slice(0, 10)}</time>
        {bookmark.is_rec ? <span class="rec"> · Rec</span> : null}
        {bookmark.is_private ? <span class="private"> · Private</span> : null}
      </p>
      {tags.length ? (
        <ul class="bookmark-tags" aria-label="Bookmarker’s tags">
          {tags.map((tag) => (
            <li>{tag}</li>
          ))}
        </ul>
      ) : null}
      {bookmark.bookmark_hidden ? (
        <p class="notice bookmark-hidden">
          Hidden by a moderator: only you and the moderators see it.
          {bookmark.bookmark_hidden_reason ? ` Reason: ${bookmark.bookmark_hidden_reason}` : ''}
        </p>
      ) : null}
      {bookmark.notes ? <blockquote class="userstuff" dangerouslySetInnerHTML={{ __html: bookmark.notes }} /> : null}
      <p class="bookmark-actions">
        {props.isOwner ? <a href={`/bookmarks/${bookmark.id}/edit`}>Edit</a> : null}{' '}
        <ReportLink kind="bookmark" id={bookmark.id} />
      </p>
    </li>
  );
}
