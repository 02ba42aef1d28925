/**
 * Comment pages and posting: a work's comments (`GET /works/:id/comments`),
 * posting on a work or chapter (`POST /works/:id/comments`), replying
 * (`POST /comments/:id/reply`) and a comment's permalink, its whole thread
 * (`GET /comments/:id`). Editing, deleting and the creators' tools are in
 * manage-routes.tsx.
 */
import { Hono } from 'hono';
import { clientAddress, type AppContext, type AppEnv } from '../web/context.ts';
import { ErrorSummary, type FieldErrors } from '../web/forms.tsx';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { readCommentForm, type CommentFormValues } from './comment-input.ts';
import type { LoadedWork } from './comment-context.ts';
import { postComment, type PostOutcome } from './post-comment.ts';
import {
  chapterCommentsPath,
  gateComment,
  gateWork,
  notFound,
  parseId,
  refused,
  sameSitePath,
  workCommentsPath,
} from './route-helpers.ts';
import { loadCommentSection, threadsFor } from './section.ts';
import { CommentForm } from './comment-form.tsx';
import { CommentSection, CommentThread, commentPath } from './views.tsx';
import { listPseuds } from '../accounts/queries.ts';
import { mutedUserIds } from '../blocking/queries.ts';
import { can } from './policy.ts';
import type { Comment } from './comments.table.ts';

export const commentRoutes = new Hono<AppEnv>();

function pageNumber(c: AppContext): number {
  return parseId(c.req.query('page')) ?? 1;
}

commentRoutes.get('/works/:id{[0-9]+}/comments', async (c) => {
  const gate = await gateWork(c, parseId(c.req.param('id')));
  if (gate instanceof Response) return gate;
  const { db } = c.get('deps');
  const data = await loadCommentSection(db, c.get('viewer'), gate, {
    page: pageNumber(c),
    basePath: workCommentsPath(gate.id),
  });
  return renderPage(
    c,
    { title: `Comments on ${gate.title}`, reading: true },
    <>
      <p class="breadcrumb">
        <a href={`/works/${gate.id}`}>{gate.title}</a>
      </p>
      <CommentSection data={data} />
    </>,
  );
});

/** The page a comment form comes back on when something is wrong: the message beside the box, the text kept. */
async function renderFormAgain(
  c: AppContext,
  work: LoadedWork,
  action: string,
  values: CommentFormValues,
  errors: FieldErrors,
  returnTo: string,
  chapterId?: number,
): Promise<Response> {
  const viewer = c.get('viewer');
  const pseuds = viewer ? await listPseuds(c.get('deps').db, viewer.id) : [];
  return renderPage(
    c,
    { title: `Comment on ${work.title}`, status: 422, reading: true },
    <section class="comment-form-page">
      <h1>
        Comment on <a href={`/works/${work.id}`}>{work.title}</a>
      </h1>
      <ErrorSummary errors={errors} />
      <CommentForm
        action={action}
        viewer={viewer}
        pseuds={pseuds}
        returnTo={returnTo}
        chapterId={chapterId}
        values={values}
        errors={errors}
      />
    </section>,
  );
}

function rateLimited(c: AppContext, waitSeconds: number): Response {
  const minutes = Math.max(1, Math.ceil(waitSeconds / 60));
  c.header('retry-after', String(waitSeconds));
  return renderMessage(
    c,
    429,
    'Too many comments',
    `You have posted several comments in a short time. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  );
}

const POSTED_MESSAGE = {
  published: 'Your comment was posted.',
  moderated: 'Your comment was received. It awaits approval by the work’s creator before anyone else sees it.',
  spam: 'Your comment was received. It awaits review before anyone else sees it.',
};

/** Turns a posting outcome into the answer: a redirect back, or the page that says what is wrong. */
async function answerPosting(
  c: AppContext,
  outcome: PostOutcome,
  formAgain: (errors: FieldErrors) => Promise<Response>,
  returnTo: string,
): Promise<Response> {
  switch (outcome.kind) {
    case 'ignored':
      return c.redirect(returnTo, 303);
    case 'refused':
      return refused(c, 'You cannot comment here.');
    case 'invalid':
      return formAgain(outcome.errors);
    case 'rate_limited':
      return rateLimited(c, outcome.waitSeconds);
    case 'posted': {
      const message =
        outcome.state === 'published'
          ? POSTED_MESSAGE.published
          : outcome.holdReason === 'moderated'
            ? POSTED_MESSAGE.moderated
            : POSTED_MESSAGE.spam;
      const anchor = returnTo.includes('#') ? '' : `#comment-${outcome.commentId}`;
      return redirectWithFlash(c, returnTo + anchor, message);
    }
  }
}

commentRoutes.post('/works/:id{[0-9]+}/comments', async (c) => {
  const gate = await gateWork(c, parseId(c.req.param('id')));
  if (gate instanceof Response) return gate;
  const form = await c.req.parseBody();
  const values = readCommentForm(form);
  const chapterId = parseId(typeof form.chapter_id === 'string' ? form.chapter_id : undefined) ?? undefined;
  const fallback = chapterId ? `${chapterCommentsPath(gate.id, chapterId)}#comments` : workCommentsPath(gate.id);
  const returnTo = sameSitePath(form.return_to, fallback);
  const outcome = await postComment(c.get('deps').db, {
    newAccountLimit: c.get('site').newAccountCommentLimit,
    work: gate,
    viewer: c.get('viewer'),
    values,
    chapterId,
    address: clientAddress(c),
  });
  return answerPosting(
    c,
    outcome,
    (errors) => renderFormAgain(c, gate, c.req.path, values, errors, returnTo, chapterId),
    returnTo,
  );
});

commentRoutes.post('/comments/:id{[0-9]+}/reply', async (c) => {
  const gate = await gateComment(c, parseId(c.req.param('id')));
  if (gate instanceof Response) return gate;
  const form = await c.req.parseBody();
  const values = readCommentForm(form);
  const returnTo = sameSitePath(form.return_to, commentPath(gate.row.id));
  const viewer = c.get('viewer');
  if (!can(viewer, 'see', gate)) return notFound(c);
  const outcome = await postComment(c.get('deps').db, {
    newAccountLimit: c.get('site').newAccountCommentLimit,
    work: gate.work,
    viewer,
    values,
    parent: { row: gate.row, facts: gate.comment },
    address: clientAddress(c),
  });
  return answerPosting(
    c,
    outcome,
    (errors) => renderFormAgain(c, gate.work, c.req.path, values, errors, returnTo),
    returnTo,
  );
});

commentRoutes.get('/comments/:id{[0-9]+}', async (c) => {
  const gate = await gateComment(c, parseId(c.req.param('id')));
  if (gate instanceof Response) return gate;
  const viewer = c.get('viewer');
  if (gate.row.deleted_at === null && !can(viewer, 'see', gate)) return notFound(c);
  const { db } = c.get('deps');
  const mutedIds = viewer ? await mutedUserIds(db, viewer.id) : [];
  const threadId = gate.row.thread_id ?? gate.row.id;
  const [thread] = await threadsFor(db, viewer, gate.work, [threadId], { whole: true, mutedIds });
  if (!thread) return notFound(c);
  const pseuds = viewer ? (await listPseuds(db, viewer.id)).map((p) => ({ id: p.id, name: p.name })) : [];
  return renderPage(
    c,
    { title: `Comment on ${gate.work.title}`, reading: true },
    <section class="comments comment-permalink" id="comments">
      <h1>
        Comment on <a href={placeOf(gate.row)}>{gate.work.title}</a>
      </h1>
      <p>
        <a href={workCommentsPath(gate.work.id)}>All comments on this work</a>
      </p>
      <CommentThread
        thread={thread}
        ctx={{ viewer, pseuds, returnTo: commentPath(gate.row.id), highlightId: gate.row.id, replyForms: true }}
      />
    </section>,
  );
});

/** Where a comment sits: its chapter's page, or the work's. */
export function placeOf(row: Pick<Comment, 'work_id' | 'chapter_id'>): string {
  return row.chapter_id ? chapterCommentsPath(row.work_id, row.chapter_id) : `/works/${row.work_id}`;
}
