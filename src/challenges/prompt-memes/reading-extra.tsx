/**
 * Under a work's details: "In response to a prompt by NAME in COLLECTION"
 * for each prompt it fills (a reading extra). The prompter's name goes
 * through the presenter, so an anonymous prompt reads "by Anonymous" to
 * everyone but its prompter and the collection's maintainers.
 */
import { canMaintain } from '../../collections/policy.ts';
import { findRole } from '../../collections/queries.ts';
import { collectionPath } from '../../collections/views.tsx';
import type { ReadingExtra } from '../../works/reading-extras.ts';
import { prompterLabel, prompterOf } from './presenters.ts';
import { listPromptsFilledBy } from './queries.ts';
import { promptPath } from './route-helpers.ts';

export const promptFillExtra: ReadingExtra = {
  name: 'prompt-fills',
  place: 'actions',
  async load({ db, viewer, access }) {
    const fills = await listPromptsFilledBy(db, access.id);
    if (!fills.length) return null;
    const lines = await Promise.all(
      fills.map(async (f) => {
        const maintains = viewer ? canMaintain(viewer, await findRole(db, f.collection_id, viewer.id)) : false;
        return { ...f, by: prompterLabel(prompterOf(viewer, f, maintains)) };
      }),
    );
    return (
      <div class="in-response-to">
        {lines.map((f) => (
          <p>
            In response to a <a href={promptPath(f.collection_name, f.prompt_id)}>prompt</a> by{' '}
            <span class="prompter">{f.by}</span> in <a href={collectionPath(f.collection_name)}>{f.collection_title}</a>
          </p>
        ))}
      </div>
    );
  },
};
