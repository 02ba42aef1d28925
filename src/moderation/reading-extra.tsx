/**
 * What moderation adds to a work's reading pages (a reading extra): the
 * Report link for every reader (the work, or the chapter shown alone); for
 * the creators and moderators of a hidden work, a banner saying it is hidden
 * and why; and for moderators, Hide/Unhide with a reason and a link to the
 * work's moderation history.
 */
import { can } from '../roles/policy.ts';
import { ReportLink } from '../web/report-link.tsx';
import type { ReadingExtra } from '../works/reading-extras.ts';
import { findWorkModeration } from './queries.ts';

export const moderationExtra: ReadingExtra = {
  name: 'moderation',
  place: 'tools',
  async load({ db, viewer, access, work, chapterId, returnTo }) {
    const mayModerate = can(viewer, 'moderate');
    const facts = access.isHidden || mayModerate ? await findWorkModeration(db, work.id) : undefined;
    return (
      <div class="moderation-tools">
        {access.isHidden ? (
          <div class="hidden-banner" role="status">
            <p>
              <strong>This work is hidden by a moderator.</strong> Only its creators and the archive’s moderators can
              see it; it is left out of every listing, search and feed.
              {facts?.hidden_reason ? <> The reason given: {facts.hidden_reason}</> : null}
            </p>
          </div>
        ) : null}
        <p class="report-links">
          <ReportLink kind="work" id={work.id} label="Report this work" />
          {chapterId !== null ? (
            <>
              {' · '}
              <ReportLink kind="chapter" id={chapterId} label="Report this chapter" />
            </>
          ) : null}
        </p>
        {mayModerate ? (
          <form
            method="post"
            action={`/admin/works/${work.id}/${access.isHidden ? 'unhide' : 'hide'}`}
            class="moderate-form"
          >
            <input type="hidden" name="return_to" value={returnTo} />
            <label for="moderation-reason">Reason (shown to the creators and in the log)</label>
            <input id="moderation-reason" name="reason" required maxlength={500} />
            <button type="submit">{access.isHidden ? 'Unhide this work' : 'Hide this work'}</button>{' '}
            <a href={`/admin/works/${work.id}`}>Moderation history</a>
          </form>
        ) : null}
      </div>
    );
  },
};
