/**
 * Filing reports: GET /reports/new?type=…&id=… is the form every Report
 * link opens, POST /reports files it (fileReport: once a day per thing,
 * rate limited per address) and 303s back to the thing with a flash, and
 * GET /reports lists a member's own reports with what was done.
 */
import { Hono } from 'hono';
import { requireViewer } from '../accounts/require-login.ts';
import type { AppEnv } from '../web/context.ts';
import { clientAddress } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { tryAgainText } from '../web/rate-limit.ts';
import { fileReport, findReportableTarget } from './file-report.ts';
import { listOwnReports } from './queries.ts';
import { REPORT_TARGETS, type ReportTarget } from './reports.table.ts';
import { OwnReports, ReportForm } from './views.tsx';

export const reportRoutes = new Hono<AppEnv>();

const notFound = (c: Parameters<typeof renderMessage>[0]) =>
  renderMessage(c, 404, 'Not found', 'There is nothing to report at that address.');

reportRoutes.get('/reports/new', async (c) => {
  const type = c.req.query('type') as ReportTarget;
  const id = Number(c.req.query('id'));
  if (!REPORT_TARGETS.includes(type) || !Number.isSafeInteger(id) || id <= 0) return notFound(c);
  const viewer = c.get('viewer');
  const target = await findReportableTarget(c.get('deps').db, viewer, type, id);
  if (!target) return notFound(c);
  return renderPage(c, { title: 'Report' }, <ReportForm target={target} isGuest={!viewer} values={{}} errors={{}} />);
});

reportRoutes.post('/reports', async (c) => {
  const form = await c.req.parseBody();
  const viewer = c.get('viewer');
  const outcome = await fileReport(c.get('deps'), viewer, form, clientAddress(c));
  if (outcome.ok) {
    return redirectWithFlash(
      c,
      outcome.target.path,
      'Thank you: your report was sent to the moderators. We will tell you what was done.',
    );
  }
  if (outcome.kind === 'not-found') return notFound(c);
  if (outcome.kind === 'already') {
    return redirectWithFlash(c, outcome.target.path, 'You reported this already today: the moderators have it.');
  }
  if (outcome.kind === 'rate-limited') {
    return renderMessage(c, 429, 'Too many reports', `You have sent many reports. ${tryAgainText(outcome.wait)}`);
  }
  const target = await findReportableTarget(c.get('deps').db, viewer, form.type as ReportTarget, Number(form.id));
  if (!target) return notFound(c);
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
  return renderPage(
    c,
    { title: 'Report', status: 422 },
    <ReportForm
      target={target}
      isGuest={!viewer}
      values={{ category: text('category'), description: text('description'), email: text('email') }}
      errors={outcome.errors}
    />,
  );
});

reportRoutes.get('/reports', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const reports = await listOwnReports(c.get('deps').db, viewer.id);
  return renderPage(c, { title: 'Your reports' }, <OwnReports reports={reports} />);
});
