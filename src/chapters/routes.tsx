/**
 * Routes for writing chapters (creators only): add a chapter
 * (/works/:id/chapters/new), edit one (/works/:id/chapters/:chapterId/edit),
 * post a draft chapter (POST …/:chapterId/post). Deleting and reordering
 * live in manage-routes.tsx, mounted here. Reading chapters is the works
 * domain's reading pages.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../web/context.ts';
import type { FieldErrors } from '../web/forms.tsx';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { readChapterForm, type ChapterFormValues } from '../works/form-schema.ts';
import { gateWork, postingWait, submittedForm, waitMessage } from '../works/work-route-helpers.ts';
import type { ChapterInput } from '../works/work-input.ts';
import { addChapter } from './add-chapter.ts';
import { checkedChapter } from './checked-chapter.ts';
import { ChapterForm } from './chapter-form.tsx';
import { editChapter, postChapter } from './edit-chapter.ts';
import { manageRoutes } from './manage-routes.tsx';
import { findChapter, findChapterWork } from '../works/chapter-queries.ts';

export const chapterRoutes = new Hono<AppEnv>();

interface ChapterPage {
  work: { id: number; title: string; status: string };
  chapter?: { id: number; is_posted: number };
  values: ChapterFormValues;
  errors?: FieldErrors;
  status?: number;
  preview?: ChapterInput;
}

function showChapterForm(c: AppContext, page: ChapterPage): Response {
  const errors = page.errors ?? {};
  const title = page.chapter ? `Edit chapter: ${page.work.title}` : `New chapter: ${page.work.title}`;
  return renderPage(
    c,
    { title: Object.keys(errors).length ? `Error: ${title}` : title, status: page.status },
    <ChapterForm
      workId={page.work.id}
      workTitle={page.work.title}
      chapterId={page.chapter?.id}
      values={page.values}
      errors={errors}
      isWorkDraft={page.work.status === 'draft'}
      isChapterPosted={page.chapter?.is_posted === 1}
      preview={page.preview}
    />,
  );
}

const workIdOf = (c: AppContext) => Number(c.req.param('id'));
const chapterIdOf = (c: AppContext) => Number(c.req.param('chapterId'));
const blankChapter = (): ChapterFormValues => readChapterForm({});

/** The creators' gate on the work, then the chapter the URL names: a refusal or a 404 page when either fails. */
async function gateChapter(c: AppContext) {
  const workId = workIdOf(c);
  const gate = await gateWork(c, workId);
  if (gate instanceof Response) return gate;
  const chapter = await findChapter(c.get('deps').db, workId, chapterIdOf(c));
  if (!chapter) return renderMessage(c, 404, 'Chapter not found', 'There is no chapter at this address.');
  return { workId, gate, chapter };
}

chapterRoutes.get('/works/:id{[0-9]+}/chapters/new', async (c) => {
  const gate = await gateWork(c, workIdOf(c));
  if (gate instanceof Response) return gate;
  const work = (await findChapterWork(c.get('deps').db, workIdOf(c)))!;
  return showChapterForm(c, { work, values: blankChapter() });
});

chapterRoutes.post('/works/:id{[0-9]+}/chapters/new', async (c) => {
  const workId = workIdOf(c);
  const gate = await gateWork(c, workId);
  if (gate instanceof Response) return gate;
  const { db } = c.get('deps');
  const work = (await findChapterWork(db, workId))!;
  const values = readChapterForm(await submittedForm(c));
  const action = values.action === 'draft' || values.action === 'post' ? values.action : 'preview';
  if (action !== 'preview') {
    const wait = await postingWait(c, gate.viewer);
    if (wait) return showChapterForm(c, { work, values, errors: { form: waitMessage(wait) }, status: 429 });
  }
  const checked = checkedChapter(values);
  if ('errors' in checked) return showChapterForm(c, { work, values, errors: checked.errors, status: 422 });
  if (action === 'preview') return showChapterForm(c, { work, values, preview: checked.chapter });

  const chapterId = await addChapter(db, workId, checked.chapter, { post: action === 'post' });
  if (action === 'post' && work.status === 'posted') {
    return redirectWithFlash(c, `/works/${workId}/chapters/${chapterId}`, 'Your new chapter is posted.');
  }
  return redirectWithFlash(c, `/works/${workId}/chapters/manage`, 'The chapter is saved as a draft.');
});

chapterRoutes.get('/works/:id{[0-9]+}/chapters/:chapterId{[0-9]+}/edit', async (c) => {
  const found = await gateChapter(c);
  if (found instanceof Response) return found;
  const { workId, chapter } = found;
  const { db } = c.get('deps');
  const work = (await findChapterWork(db, workId))!;
  const values: ChapterFormValues = {
    ...blankChapter(),
    chapter_title: chapter.title,
    summary: chapter.summary,
    notes: chapter.notes,
    end_notes: chapter.end_notes,
    body: chapter.body,
  };
  return showChapterForm(c, { work, chapter, values });
});

chapterRoutes.post('/works/:id{[0-9]+}/chapters/:chapterId{[0-9]+}/edit', async (c) => {
  const found = await gateChapter(c);
  if (found instanceof Response) return found;
  const { workId, chapter } = found;
  const { db } = c.get('deps');
  const work = (await findChapterWork(db, workId))!;
  const values = readChapterForm(await submittedForm(c));
  const action = values.action === 'save' || values.action === 'post' ? values.action : 'preview';
  const checked = checkedChapter(values);
  if ('errors' in checked) return showChapterForm(c, { work, chapter, values, errors: checked.errors, status: 422 });
  if (action === 'preview') return showChapterForm(c, { work, chapter, values, preview: checked.chapter });

  await editChapter(db, workId, chapter.id, checked.chapter, { post: action === 'post' });
  const posted = chapter.is_posted === 1 || (action === 'post' && work.status === 'posted');
  if (!posted) return redirectWithFlash(c, `/works/${workId}/chapters/manage`, 'The draft chapter is saved.');
  return redirectWithFlash(
    c,
    `/works/${workId}/chapters/${chapter.id}`,
    chapter.is_posted === 1 ? 'The chapter is saved.' : 'The chapter is posted.',
  );
});

chapterRoutes.post('/works/:id{[0-9]+}/chapters/:chapterId{[0-9]+}/post', async (c) => {
  const found = await gateChapter(c);
  if (found instanceof Response) return found;
  const { workId, gate, chapter } = found;
  const { db } = c.get('deps');
  if (gate.access.status === 'draft') {
    return redirectWithFlash(
      c,
      `/works/${workId}/chapters/manage`,
      'This work is a draft: post the work to post its chapters.',
    );
  }
  await postChapter(db, workId, chapter.id);
  return redirectWithFlash(c, `/works/${workId}/chapters/${chapter.id}`, 'The chapter is posted.');
});

chapterRoutes.route('/', manageRoutes);
