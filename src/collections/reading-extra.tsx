/**
 * Under a work's details: the collections it is in ("Collections: …"), and
 * for its creators an "Add to collection" form with suggestions as they
 * type (two reading extras: the form, and its script in the page's head).
 */
import { TAG_AUTOCOMPLETE_SCRIPT } from '../tags/autocomplete-asset.tsx';
import { isCreator } from '../visibility/index.ts';
import type { ReadingExtra } from '../works/reading-extras.ts';
import { listCollectionsOfWork } from './queries.ts';
import { collectionPath } from './views.tsx';

export const collectionsExtra: ReadingExtra = {
  name: 'collections',
  place: 'actions',
  async load({ db, viewer, access }) {
    const creator = isCreator(viewer, access);
    const rows = await listCollectionsOfWork(db, access.id);
    const shown = rows.filter((r) => r.status === 'approved' || (creator && r.status === 'awaiting'));
    if (!shown.length && !creator) return null;
    return (
      <div class="work-collections">
        {shown.length ? (
          <p>
            Collections:{' '}
            {shown.map((r, i) => (
              <>
                {i ? ', ' : ''}
                <a href={collectionPath(r.name)}>{r.title}</a>
                {r.status === 'awaiting' ? ' (awaiting approval)' : ''}
              </>
            ))}
          </p>
        ) : null}
        {creator ? (
          <form method="post" action={`/works/${access.id}/collections`} class="add-to-collection">
            <label>
              Add to collection{' '}
              <input
                type="text"
                name="collections"
                placeholder="short names, comma-separated"
                data-suggest-from="/collections/autocomplete"
              />
            </label>{' '}
            <button type="submit">Add</button>
          </form>
        ) : null}
      </div>
    );
  },
};

/** For the work's creators, the suggestions script their "Add to collection" field uses (a file: the CSP). */
export const collectionsScriptExtra: ReadingExtra = {
  name: 'collections-script',
  place: 'head',
  async load({ viewer, access }) {
    return isCreator(viewer, access) ? TAG_AUTOCOMPLETE_SCRIPT : null;
  },
};
