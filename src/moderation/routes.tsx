/**
 * The moderators' pages, each gated by `can()` (src/roles/policy.ts):
 * GET /admin/reports (the queue, grouped by the thing reported, oldest
 * first, with filters, and the held comments), GET /admin/reports/:type/:id
 * (the thing, its reports and history) with POST …/resolve and …/assign;
 * POST /admin/works/:id/hide|unhide|delete and GET /admin/works/:id (its
 * history); GET /admin/users/:name with POST /admin/users/:name/:action;
 * POST /admin/comments/:id/release|remove (held comments); GET /admin/log.
 * Support reads all of these pages; only moderators and admins act.
 */
import { Hono } from 'hono';
import { requireViewer } from '../accounts/require-login.ts';
import { twoFactorRefusal } from '../accounts/two-factor/admin-gate.tsx';
import { safeReturnTo } from '../accounts/schema.ts';
import { actorOf, runCommand } from '../audit/run-command.ts';
import { listAuditEntries, listAuditEntriesFor } from '../audit/queries.ts';
import { findComment, publishComment, refreshCommentsCount, removeComment } from '../comments/queries.ts';
import { recordEvent } from '../outbox/outbox.ts';
import { sanitizeNote } from '../html/body.ts';
import { assignOpenReports, findTarget, listQueue, listReportsOf } from '../reports/queries.ts';
import { REPORT_CATEGORIES, REPORT_TARGETS, type ReportCategory, type ReportTarget } from '../reports/reports.table.ts';
import { can, type RoleAction } from '../roles/policy.ts';
import type { AppContext, AppEnv, Viewer } from '../web/context.ts';
import { redirectWithFlash, setFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import {
  findTargetText,
  findUserForModeration,
  listHeldComments,
  listHeldWorks,
  listUserNotes,
  usernameOf,
} from './queries.ts';
import { actOnUser, RefusedActionError, type UserAction } from './user-actions.ts';
import { ItemPage, itemPath, LogPage, QueuePage, UserPage } from './views.tsx';
import {
  decideHeldWork,
  moderateWork,
  NothingThereError,
  resolutionsFor,
  resolveReports,
  type Resolution,
} from './work-actions.ts';

export const moderationRoutes = new Hono<AppEnv>();

/**
 * The viewer when their role may do this (and, for admins and moderators, with two-factor sign-in on),
 * else the response that stops here.
 */
export async function staff(c: AppContext, action: RoleAction): Promise<Viewer | Response> {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  if (!can(viewer, action)) return renderMessage(c, 403, 'Staff only', 'Your role does not let you do this.');
  return (await twoFactorRefusal(c, viewer)) ?? viewer;
}

async function formReason(c: AppContext): Promise<{ form: Record<string, unknown>; reason: string }> {
  const form = await c.req.parseBody();
  return { form, reason: typeof form.reason === 'string' ? form.reason.trim().slice(0, 2000) : '' };
}

function backWithError(c: AppContext, to: string, message: string): Response {
  setFlash(c, message, 'error');
  return c.redirect(to, 303);
}

const parseId = (raw: string | undefined) => (raw && /^[0-9]{1,12}$/.test(raw) ? Number(raw) : null);

moderationRoutes.get('/admin/reports', async (c) => {
  const viewer = await staff(c, 'read-reports');
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const status = c.req.query('status') === 'resolved' ? 'resolved' : 'open';
  const rawCategory = c.req.query('category');
  const category = rawCategory && rawCategory in REPORT_CATEGORIES ? (rawCategory as ReportCategory) : undefined;
  const mine = c.req.query('mine') === '1';
  const queue = await listQueue(db, { status, category, assignedTo: mine ? viewer.id : undefined });
  const items = await Promise.all(
    queue.map(async (item) => {
      const target = await findTarget(db, item.target_type, item.target_id);
      return { ...item, label: target?.label ?? '(gone)', path: target?.path ?? null };
    }),
  );
  const [held, heldWorks] = await Promise.all([listHeldComments(db), listHeldWorks(db)]);
  return renderPage(
    c,
    { title: 'Reports' },
    <QueuePage
      items={items}
      filter={{ status, category, mine }}
      held={held}
      heldWorks={heldWorks}
      mayModerate={can(viewer, 'moderate')}
    />,
  );
});

function reportedThing(c: AppContext): { type: ReportTarget; id: number } | null {
  const type = c.req.param('type') as ReportTarget;
  const id = parseId(c.req.param('id'));
  return REPORT_TARGETS.includes(type) && id !== null ? { type, id } : null;
}

moderationRoutes.get('/admin/reports/:type/:id', async (c) => {
  const viewer = await staff(c, 'read-reports');
  if (viewer instanceof Response) return viewer;
  const thing = reportedThing(c);
  const { db } = c.get('deps');
  const target = thing && (await findTarget(db, thing.type, thing.id));
  if (!thing || !target) return renderMessage(c, 404, 'Not found', 'There is no such thing.');
  const [reports, history, text, ownerName] = await Promise.all([
    listReportsOf(db, thing.type, thing.id),
    listAuditEntriesFor(db, thing.type, thing.id),
    findTargetText(db, thing.type, thing.id),
    usernameOf(db, target.ownerUserId),
  ]);
  const preview = text ? (
    <blockquote class="userstuff" dangerouslySetInnerHTML={{ __html: sanitizeNote(text) }} />
  ) : (
    <p>{target.label}</p>
  );
  return renderPage(
    c,
    { title: `Reported: ${target.label}` },
    <ItemPage
      target={target}
      preview={preview}
      reports={reports}
      history={history}
      resolutions={resolutionsFor(thing.type)}
      mayModerate={can(viewer, 'moderate')}
      ownerName={ownerName}
    />,
  );
});

moderationRoutes.post('/admin/reports/:type/:id/resolve', async (c) => {
  const viewer = await staff(c, 'moderate');
  if (viewer instanceof Response) return viewer;
  const thing = reportedThing(c);
  if (!thing) return renderMessage(c, 404, 'Not found', 'There is no such thing.');
  const { form, reason } = await formReason(c);
  const back = itemPath(thing.type, thing.id);
  if (!reason) return backWithError(c, back, 'Give a reason: it is kept in the audit log.');
  const resolution = String(form.resolution ?? '') as Resolution;
  try {
    const count = await resolveReports(c.get('deps').db, actorOf(viewer), thing, resolution, reason);
    return redirectWithFlash(
      c,
      '/admin/reports',
      `Resolved ${count} ${count === 1 ? 'report' : 'reports'}; the reporters will be told.`,
    );
  } catch (error) {
    if (error instanceof NothingThereError) return backWithError(c, back, error.message);
    throw error;
  }
});

moderationRoutes.post('/admin/reports/:type/:id/assign', async (c) => {
  const viewer = await staff(c, 'read-reports');
  if (viewer instanceof Response) return viewer;
  const thing = reportedThing(c);
  if (!thing) return renderMessage(c, 404, 'Not found', 'There is no such thing.');
  await runCommand(
    c.get('deps').db,
    { actor: actorOf(viewer), action: 'report.assign', target: thing, reason: 'assigned to themself' },
    async (trx) => {
      await assignOpenReports(trx, thing.type, thing.id, viewer.id);
      return { before: null, after: { assigned_to: viewer.username }, result: undefined };
    },
  );
  return redirectWithFlash(c, itemPath(thing.type, thing.id), 'The reports are assigned to you.');
});

for (const change of ['hide', 'unhide', 'delete'] as const) {
  moderationRoutes.post(`/admin/works/:id/${change}`, async (c) => {
    const viewer = await staff(c, 'moderate');
    if (viewer instanceof Response) return viewer;
    const workId = parseId(c.req.param('id'));
    if (workId === null) return renderMessage(c, 404, 'Not found', 'There is no such work.');
    const { form, reason } = await formReason(c);
    const back = safeReturnTo(form.return_to ?? `/works/${workId}`);
    if (!reason) return backWithError(c, back, 'Give a reason: it is kept in the audit log.');
    try {
      await moderateWork(c.get('deps').db, actorOf(viewer), workId, change, reason);
    } catch (error) {
      if (error instanceof NothingThereError) return renderMessage(c, 404, 'Not found', error.message);
      throw error;
    }
    const done = { hide: 'hidden', unhide: 'unhidden', delete: 'deleted' }[change];
    return redirectWithFlash(c, change === 'delete' ? '/admin/reports' : back, `The work is ${done}.`);
  });
}

moderationRoutes.get('/admin/works/:id', async (c) => {
  const viewer = await staff(c, 'read-reports');
  if (viewer instanceof Response) return viewer;
  const workId = parseId(c.req.param('id'));
  if (workId === null) return renderMessage(c, 404, 'Not found', 'There is no such work.');
  return c.redirect(itemPath('work', workId), 303);
});

moderationRoutes.get('/admin/users/:name', async (c) => {
  const viewer = await staff(c, 'read-reports');
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const user = await findUserForModeration(db, c.req.param('name'));
  if (!user) return renderMessage(c, 404, 'Not found', 'There is no user with that name here.');
  const [notes, history] = await Promise.all([listUserNotes(db, user.id), listAuditEntriesFor(db, 'user', user.id)]);
  return renderPage(
    c,
    { title: `${user.username}: moderation` },
    <UserPage
      user={user}
      notes={notes}
      history={history}
      mayModerate={can(viewer, 'moderate')}
      mayDelete={can(viewer, 'delete-accounts')}
    />,
  );
});

const USER_ACTIONS: readonly UserAction[] = ['note', 'warn', 'suspend', 'unsuspend', 'ban', 'unban', 'spammer'];

moderationRoutes.post('/admin/users/:name/:action', async (c) => {
  const viewer = await staff(c, 'moderate');
  if (viewer instanceof Response) return viewer;
  const action = c.req.param('action') as UserAction;
  const { db, config } = c.get('deps');
  const user = await findUserForModeration(db, c.req.param('name'));
  if (!user || !USER_ACTIONS.includes(action))
    return renderMessage(c, 404, 'Not found', 'There is no such user or action.');
  const { form, reason } = await formReason(c);
  const back = `/admin/users/${encodeURIComponent(user.username)}`;
  try {
    const until = typeof form.until === 'string' ? form.until : undefined;
    const message = await actOnUser(db, { actor: actorOf(viewer), user, action, reason, until, config });
    return redirectWithFlash(c, back, message);
  } catch (error) {
    if (error instanceof RefusedActionError) return backWithError(c, back, error.message);
    throw error;
  }
});

for (const verb of ['release', 'remove'] as const) {
  moderationRoutes.post(`/admin/comments/:id/${verb}`, async (c) => {
    const viewer = await staff(c, 'moderate');
    if (viewer instanceof Response) return viewer;
    const { db } = c.get('deps');
    const comment = await findComment(db, parseId(c.req.param('id')) ?? 0);
    if (!comment || comment.state !== 'held')
      return backWithError(c, '/admin/reports#held', 'That comment is not held.');
    await runCommand(
      db,
      {
        actor: actorOf(viewer),
        action: `comment.${verb}`,
        target: { type: 'comment', id: comment.id },
        reason: verb === 'release' ? 'not spam' : 'spam',
      },
      async (trx) => {
        if (verb === 'release') {
          await publishComment(trx, comment.id);
          await recordEvent(trx, 'comment.approved', { commentId: comment.id });
        } else await removeComment(trx, comment.id);
        await refreshCommentsCount(trx, comment.work_id);
        return {
          before: { state: 'held', body: comment.body },
          after: verb === 'release' ? { state: 'published' } : null,
          result: undefined,
        };
      },
    );
    return redirectWithFlash(
      c,
      '/admin/reports#held',
      verb === 'release' ? 'The comment is published.' : 'The comment is removed.',
    );
  });
}

for (const verb of ['release', 'remove'] as const) {
  moderationRoutes.post(`/admin/works/:id/${verb}`, async (c) => {
    const viewer = await staff(c, 'moderate');
    if (viewer instanceof Response) return viewer;
    try {
      await decideHeldWork(c.get('deps').db, actorOf(viewer), parseId(c.req.param('id')) ?? 0, verb);
    } catch (error) {
      if (error instanceof NothingThereError) return backWithError(c, '/admin/reports#held-works', error.message);
      throw error;
    }
    return redirectWithFlash(
      c,
      '/admin/reports#held-works',
      verb === 'release' ? 'The work is released: it is public now.' : 'The work is removed.',
    );
  });
}

const LOG_PAGE = 100;

moderationRoutes.get('/admin/log', async (c) => {
  const viewer = await staff(c, 'read-audit-log');
  if (viewer instanceof Response) return viewer;
  const q = (name: string) => c.req.query(name)?.trim() || undefined;
  const filter = { action: q('action'), actor: q('actor'), type: q('type'), id: q('id') };
  const entries = await listAuditEntries(
    c.get('deps').db,
    {
      action: filter.action,
      actorName: filter.actor,
      targetType: filter.type,
      targetId: parseId(filter.id) ?? undefined,
      beforeId: parseId(q('before')) ?? undefined,
    },
    LOG_PAGE + 1,
  );
  const nextBefore = entries.length > LOG_PAGE ? entries[LOG_PAGE - 1].id : null;
  return renderPage(
    c,
    { title: 'Audit log' },
    <LogPage entries={entries.slice(0, LOG_PAGE)} filter={filter} nextBefore={nextBefore} />,
  );
});
