/**
 * Routes for a work's chapter list (creators only):
 * GET/POST /works/:id/chapters/manage reorders with position_<chapterId>=N
 * fields; GET/POST /works/:id/chapters/:chapterId/delete confirms, then
 * deletes (never the only chapter, nor a posted work's last posted one).
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../web/context.ts';
import type { FieldErrors } from '../web/forms.tsx';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { gateWork, submittedForm } from '../works/work-route-helpers.ts';
import { deleteChapter, whyCannotDeleteChapter } from './delete-chapter.ts';
import { chapterLabel, DeleteChapterConfirm, ManageChapters, refusalMessage } from './manage-view.tsx';
import { findChapterWork, listChapters } from '../works/chapter-queries.ts';
import { reorderChapters } from './reorder-chapters.ts';

export const manageRoutes = new Hono<AppEnv>();

async function showManagePage(
  c: AppContext,
  workId: number,
  positions: Record<string, string> = {},
  errors: FieldErrors = {},
) {
  const { db } = c.get('deps');
  const work = (await findChapterWork(db, workId))!;
  const chapters = await listChapters(db, workId);
  const failed = Object.keys(errors).length > 0;
  return renderPage(
    c,
    { title: `${failed ? 'Error: ' : ''}Chapters of ${work.title}`, status: failed ? 422 : 200 },
    <ManageChapters
      workId={workId}
      workTitle={work.title}
      isWorkDraft={work.status === 'draft'}
      chapters={chapters}
      positions={positions}
      errors={errors}
    />,
  );
}

manageRoutes.get('/works/:id{[0-9]+}/chapters/manage', async (c) => {
  const workId = Number(c.req.param('id'));
  const gate = await gateWork(c, workId);
  if (gate instanceof Response) return gate;
  return showManagePage(c, workId);
});

manageRoutes.post('/works/:id{[0-9]+}/chapters/manage', async (c) => {
  const workId = Number(c.req.param('id'));
  const gate = await gateWork(c, workId);
  if (gate instanceof Response) return gate;
  const { db } = c.get('deps');
  const body = await submittedForm(c);
  const chapters = await listChapters(db, workId);
  const positions: Record<string, string> = {};
  const errors: FieldErrors = {};
  const wanted = new Map<number, number>();
  for (const chapter of chapters) {
    const name = `position_${chapter.id}`;
    const raw = body[name];
    const typed = (typeof raw === 'string' ? raw : String(chapter.position)).trim();
    positions[name] = typed;
    if (!/^\d+$/.test(typed) || Number(typed) < 1) {
      errors[name] = `Give ${chapterLabel(chapter)} a position as a whole number from 1.`;
    } else {
      wanted.set(chapter.id, Number(typed));
    }
  }
  if (Object.keys(errors).length) return showManagePage(c, workId, positions, errors);
  await reorderChapters(db, workId, wanted);
  return redirectWithFlash(c, `/works/${workId}/chapters/manage`, 'The chapter order is saved.');
});

async function loadChapterForDelete(c: AppContext) {
  const workId = Number(c.req.param('id'));
  const chapterId = Number(c.req.param('chapterId'));
  const gate = await gateWork(c, workId);
  if (gate instanceof Response) return gate;
  const { db } = c.get('deps');
  const chapters = await listChapters(db, workId);
  const chapter = chapters.find((ch) => ch.id === chapterId);
  if (!chapter) return renderMessage(c, 404, 'Chapter not found', 'There is no chapter at this address.');
  return { workId, chapter, refusal: whyCannotDeleteChapter(chapters, chapter, gate.access.status) };
}

manageRoutes.get('/works/:id{[0-9]+}/chapters/:chapterId{[0-9]+}/delete', async (c) => {
  const found = await loadChapterForDelete(c);
  if (found instanceof Response) return found;
  const { workId, chapter, refusal } = found;
  return renderPage(
    c,
    { title: `Delete ${chapterLabel(chapter)}` },
    <DeleteChapterConfirm workId={workId} chapter={chapter} refusal={refusal} />,
  );
});

manageRoutes.post('/works/:id{[0-9]+}/chapters/:chapterId{[0-9]+}/delete', async (c) => {
  const found = await loadChapterForDelete(c);
  if (found instanceof Response) return found;
  const { workId, chapter } = found;
  const result = await deleteChapter(c.get('deps').db, workId, chapter.id);
  if (result === 'only_chapter' || result === 'last_posted_chapter') {
    return renderMessage(c, 422, 'This chapter cannot be deleted', refusalMessage(result));
  }
  if (result === 'not_found') return renderMessage(c, 404, 'Chapter not found', 'There is no chapter at this address.');
  return redirectWithFlash(c, `/works/${workId}/chapters/manage`, `${chapterLabel(chapter)} is deleted.`);
});
