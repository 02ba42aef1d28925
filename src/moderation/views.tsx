/** The moderators' pages: the review queue, one reported thing, a user's moderation page and the audit log. */
import type { Child } from 'hono/jsx';
import type { AuditEntry } from '../audit/audit-log.table.ts';
import type { QueueItem, ReportWithReporter, TargetFacts } from '../reports/queries.ts';
import { REPORT_CATEGORIES, REPORT_TARGETS, type ReportCategory } from '../reports/reports.table.ts';
import type { UserNote } from './moderation.table.ts';
import type { ModeratedUser } from './queries.ts';
import type { Resolution } from './work-actions.ts';

const RESOLUTION_LABELS: Record<Resolution, string> = {
  'no-action': 'No action needed',
  hide: 'Hide it',
  delete: 'Delete it',
};

export const itemPath = (type: string, id: number) => `/admin/reports/${type}/${id}`;

function ReasonField({ id }: { id: string }) {
  return (
    <>
      <label for={id}>Reason (required; kept in the audit log)</label>
      <input id={id} name="reason" required maxlength={1000} />
    </>
  );
}

export function QueuePage(props: {
  items: Array<QueueItem & { label: string; path: string | null }>;
  filter: { status: string; category?: string; mine: boolean };
  held: Array<{
    id: number;
    work_id: number;
    body: string;
    hold_reason: string | null;
    username: string | null;
    guest_name: string | null;
    created_at: string;
  }>;
  heldWorks: Array<{ id: number; title: string; summary: string; hold_reason: string | null; created_at: string }>;
  mayModerate: boolean;
}) {
  const { items, filter, held, heldWorks, mayModerate } = props;
  return (
    <>
      <h1>Reports</h1>
      <form method="get" action="/admin/reports" class="queue-filters">
        <label for="status">Status</label>
        <select id="status" name="status">
          {['open', 'resolved'].map((s) => (
            <option value={s} selected={filter.status === s}>
              {s}
            </option>
          ))}
        </select>
        <label for="category">Category</label>
        <select id="category" name="category">
          <option value="">Any</option>
          {Object.entries(REPORT_CATEGORIES).map(([value, label]) => (
            <option value={value} selected={filter.category === value}>
              {label}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" name="mine" value="1" checked={filter.mine} /> Assigned to me
        </label>
        <button type="submit">Filter</button>
      </form>
      {items.length === 0 ? (
        <p>Nothing is waiting.</p>
      ) : (
        <table class="report-queue">
          <thead>
            <tr>
              <th scope="col">Reported</th>
              <th scope="col">Reports</th>
              <th scope="col">First</th>
              <th scope="col">Latest</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr>
                <td>
                  {item.target_type}: <a href={itemPath(item.target_type, item.target_id)}>{item.label}</a>
                </td>
                <td class="report-count">{item.reports}</td>
                <td>{item.first_at.slice(0, 16).replace('T', ' ')}</td>
                <td>{item.last_at.slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="held-works">Held works</h2>
      <p>New accounts’ works that looked like spam wait here, seen only by their creators, until released.</p>
      {heldWorks.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="held-items held-works">
          {heldWorks.map((work) => (
            <li>
              <p>
                <a href={`/works/${work.id}`}>{work.title}</a>, held for {work.hold_reason}
              </p>
              <blockquote>{work.summary.replace(/<[^>]*>/g, ' ').slice(0, 400)}</blockquote>
              {mayModerate ? (
                <>
                  <form method="post" action={`/admin/works/${work.id}/release`} class="inline">
                    <button type="submit">Release</button>
                  </form>{' '}
                  <form method="post" action={`/admin/works/${work.id}/remove`} class="inline">
                    <button type="submit">Remove</button>
                  </form>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h2 id="held">Held comments</h2>
      <p>Comments that looked like spam (many links, or text already seen from others) wait here unseen.</p>
      {held.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="held-items">
          {held.map((comment) => (
            <li>
              <p>
                By {comment.username ?? `${comment.guest_name ?? 'a guest'} (guest)`} on{' '}
                <a href={`/works/${comment.work_id}`}>work {comment.work_id}</a>, held for {comment.hold_reason}
              </p>
              <blockquote>{comment.body.replace(/<[^>]*>/g, ' ').slice(0, 400)}</blockquote>
              {mayModerate ? (
                <>
                  <form method="post" action={`/admin/comments/${comment.id}/release`} class="inline">
                    <button type="submit">Release</button>
                  </form>{' '}
                  <form method="post" action={`/admin/comments/${comment.id}/remove`} class="inline">
                    <button type="submit">Remove</button>
                  </form>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (!entries.length) return <p>Nothing has been done.</p>;
  return (
    <table class="audit-log">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">To</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr>
            <td>{entry.created_at.slice(0, 19).replace('T', ' ')}</td>
            <td>{entry.actor_name}</td>
            <td>{entry.action}</td>
            <td>
              {entry.target_type} {entry.target_id ?? ''}
            </td>
            <td>
              <code>{entry.before ?? ''}</code>
            </td>
            <td>
              <code>{entry.after ?? ''}</code>
            </td>
            <td>{entry.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ItemPage(props: {
  target: TargetFacts;
  preview: Child;
  reports: ReportWithReporter[];
  history: AuditEntry[];
  resolutions: Resolution[];
  mayModerate: boolean;
  ownerName: string | null;
}) {
  const { target, reports, history, resolutions, mayModerate, ownerName } = props;
  const open = reports.filter((r) => r.status === 'open');
  const base = itemPath(target.type, target.id);
  return (
    <>
      <h1>
        Reported {target.type}: {target.label}
      </h1>
      <section class="reported-preview">
        <h2>As its readers see it</h2>
        {props.preview}
        <p>
          <a href={target.path}>Open it</a>
          {target.type === 'work' && mayModerate ? (
            <>
              {' · '}
              <a href={`/admin/works/${target.id}/edit`}>Edit its tags, rating, warnings or language</a>
            </>
          ) : null}
          {ownerName ? (
            <>
              {' · '}
              <a href={`/admin/users/${encodeURIComponent(ownerName)}`}>Its author’s moderation page</a>
            </>
          ) : null}
        </p>
      </section>
      {open.length && mayModerate ? (
        <section>
          <h2>Resolve</h2>
          <form method="post" action={`${base}/resolve`} class="resolve-form">
            <fieldset>
              <legend>What to do</legend>
              {resolutions.map((resolution, i) => (
                <label>
                  <input type="radio" name="resolution" value={resolution} checked={i === 0} required />{' '}
                  {RESOLUTION_LABELS[resolution]}
                </label>
              ))}
            </fieldset>
            <ReasonField id="resolve-reason" />
            <button type="submit">Resolve {open.length === 1 ? 'the report' : `all ${open.length} reports`}</button>
          </form>
          <form method="post" action={`${base}/assign`} class="inline">
            <button type="submit">Assign to me</button>
          </form>
        </section>
      ) : null}
      <section>
        <h2>Reports ({reports.length})</h2>
        <ol class="reports-of-item">
          {reports.map((report) => (
            <li>
              <p>
                <strong>{REPORT_CATEGORIES[report.category as ReportCategory]}</strong>,{' '}
                {report.created_at.slice(0, 16).replace('T', ' ')}, by{' '}
                {report.reporter_name ?? `a guest (${report.reporter_email ?? 'no address'})`}
                {report.assigned_name ? `, assigned to ${report.assigned_name}` : ''} —{' '}
                {report.status === 'open' ? 'open' : `resolved: ${report.outcome ?? ''}`}
              </p>
              <blockquote>{report.description}</blockquote>
            </li>
          ))}
        </ol>
      </section>
      <section>
        <h2>What was done</h2>
        <AuditTable entries={history} />
      </section>
    </>
  );
}

const USER_ACTIONS: Array<{ action: string; label: string; when: (u: ModeratedUser) => boolean; until?: boolean }> = [
  { action: 'note', label: 'Add a private note', when: () => true },
  { action: 'warn', label: 'Send a warning', when: () => true },
  { action: 'suspend', label: 'Suspend', when: (u) => !u.banned_at, until: true },
  { action: 'unsuspend', label: 'Lift the suspension', when: (u) => !!u.suspended_until },
  { action: 'ban', label: 'Ban', when: (u) => !u.banned_at },
  { action: 'spammer', label: 'Mark as spammer (ban, hide all works and comments)', when: (u) => !u.is_spammer },
  { action: 'unban', label: 'Lift the ban', when: (u) => !!u.banned_at },
];

export function UserPage(props: {
  user: ModeratedUser;
  notes: UserNote[];
  history: AuditEntry[];
  mayModerate: boolean;
  /** An admin may delete the account (src/moderation/delete-account-routes.tsx). */
  mayDelete?: boolean;
}) {
  const { user, notes, history, mayModerate, mayDelete } = props;
  const roles = (['admin', 'moderator', 'support', 'wrangler'] as const).filter((r) => user[`is_${r}`] === 1);
  return (
    <>
      <h1>{user.username}: moderation</h1>
      <dl class="user-facts">
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Joined</dt>
        <dd>{user.created_at.slice(0, 10)}</dd>
        <dt>Roles</dt>
        <dd>{roles.length ? roles.join(', ') : 'none'}</dd>
        <dt>State</dt>
        <dd class="user-state">
          {user.banned_at
            ? `Banned since ${user.banned_at.slice(0, 10)}${user.is_spammer ? ' as a spammer' : ''}: ${user.ban_reason ?? ''}`
            : user.suspended_until && user.suspended_until > new Date().toISOString()
              ? `Suspended until ${user.suspended_until.slice(0, 10)}: ${user.suspension_reason ?? ''}`
              : 'In good standing'}
        </dd>
      </dl>
      <p>
        <a href={`/users/${encodeURIComponent(user.username)}`}>Their profile</a>
      </p>
      {mayDelete && !user.is_admin && !user.is_moderator ? (
        <p>
          <a href={`/admin/users/${encodeURIComponent(user.username)}/delete`}>Delete this account</a>
        </p>
      ) : null}
      {mayModerate
        ? USER_ACTIONS.filter((a) => a.when(user)).map((a) => (
            <form
              method="post"
              action={`/admin/users/${encodeURIComponent(user.username)}/${a.action}`}
              class="user-action"
            >
              <h2>{a.label}</h2>
              {a.until ? (
                <>
                  <label for={`${a.action}-until`}>Until (the last day)</label>
                  <input id={`${a.action}-until`} name="until" type="date" required />
                </>
              ) : null}
              <label for={`${a.action}-reason`}>
                {a.action === 'note'
                  ? 'The note'
                  : a.action === 'warn'
                    ? 'The warning they will read'
                    : 'Reason (they see it)'}
              </label>
              <textarea id={`${a.action}-reason`} name="reason" required rows={2} maxlength={2000}></textarea>
              <button type="submit">{a.label}</button>
            </form>
          ))
        : null}
      <h2>Notes</h2>
      {notes.length ? (
        <ul class="user-notes">
          {notes.map((note) => (
            <li>
              {note.created_at.slice(0, 10)}, {note.author_name}: {note.body}
            </li>
          ))}
        </ul>
      ) : (
        <p>No notes.</p>
      )}
      <h2>What was done</h2>
      <AuditTable entries={history} />
    </>
  );
}

export function LogPage(props: {
  entries: AuditEntry[];
  filter: { action?: string; actor?: string; type?: string; id?: string };
  nextBefore: number | null;
}) {
  const { entries, filter, nextBefore } = props;
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1]));
  if (nextBefore) query.set('before', String(nextBefore));
  return (
    <>
      <h1>Audit log</h1>
      <p>Every admin and moderator action, newest first. Nothing here can be changed.</p>
      <form method="get" action="/admin/log" class="log-filters">
        <label for="action">Action</label>
        <input id="action" name="action" value={filter.action ?? ''} placeholder="work.hide, or work." />
        <label for="actor">Who</label>
        <input id="actor" name="actor" value={filter.actor ?? ''} />
        <label for="type">Kind</label>
        <select id="type" name="type">
          <option value="">Any</option>
          {[...REPORT_TARGETS, 'tag'].map((t) => (
            <option value={t} selected={filter.type === t}>
              {t}
            </option>
          ))}
        </select>
        <label for="id">Id</label>
        <input id="id" name="id" value={filter.id ?? ''} inputmode="numeric" />
        <button type="submit">Filter</button>
      </form>
      <AuditTable entries={entries} />
      {nextBefore ? <a href={`/admin/log?${query}`}>Older</a> : null}
    </>
  );
}
