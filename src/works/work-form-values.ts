/**
 * A saved work read back into the edit form's values: the viewer's own
 * pseuds ticked, everyone else's (accepted or still invited) written into
 * the co-creators field, so saving the form unchanged changes nothing.
 */
import { blankWorkForm, type WorkFormValues } from './form-schema.ts';
import type { WorkForForm } from './form-queries.ts';
import { pseudReference } from './pseud-names.ts';

export function workFormValuesOf(found: WorkForForm, viewerId: number, archiveBaseUrl: string): WorkFormValues {
  const { work, tags, creators, series, related, gifts } = found;
  const own = creators.filter((c) => c.pseud_id !== null && c.user_id === viewerId);
  const others = creators.filter((c) => c.pseud_id !== null && c.user_id !== viewerId && c.name && c.username);
  const firstRelated = related[0];
  return {
    ...blankWorkForm(undefined),
    title: work.title,
    rating: work.rating,
    warnings: tags.warnings,
    categories: tags.categories,
    fandoms: tags.fandoms.join(', '),
    relationships: tags.relationships.join(', '),
    characters: tags.characters.join(', '),
    freeforms: tags.freeforms.join(', '),
    language: work.language,
    summary: work.summary,
    notes: work.notes,
    end_notes: work.end_notes,
    pseuds: own.map((c) => String(c.pseud_id)),
    co_creators: others.map((c) => pseudReference(c.name!, c.username!)).join(', '),
    expected_chapters: work.expected_chapters === null ? '?' : String(work.expected_chapters),
    restricted: work.is_restricted === 1,
    comment_permission: work.comment_permission,
    moderated_comments: work.moderated_comments === 1,
    series_id: series[0] ? String(series[0].series_id) : '',
    series_position: series[0] ? String(series[0].position) : '',
    related_url: firstRelated
      ? (firstRelated.parent_url ?? new URL(`/works/${firstRelated.parent_work_id}`, archiveBaseUrl).toString())
      : '',
    related_relation: firstRelated?.relation ?? 'inspired_by',
    gift_to: gifts
      .map((g) => (g.pseud_name && g.username ? pseudReference(g.pseud_name, g.username) : g.recipient_name))
      .join(', '),
    published_on: work.published_on ?? '',
  };
}
