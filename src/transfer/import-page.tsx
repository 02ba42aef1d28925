/**
 * The import page: a form to upload work files in the plain-text export
 * format (post them now or keep them as drafts), and after an upload the
 * result for each file — a link to the new work, or the file, line and problem.
 */
import type { AppContext } from '../web/context.ts';
import { ChoiceGroup, ErrorSummary, type FieldErrors } from '../web/forms.tsx';
import { renderPage } from '../web/layout.tsx';
import type { FileImportResult } from './import-work.ts';

export const MAX_IMPORT_FILES = 20;
export const MAX_IMPORT_FILE_BYTES = 2 * 1024 * 1024;

export type PostAs = 'post' | 'draft';

export interface ImportPageState {
  postAs?: PostAs;
  errors?: FieldErrors;
  results?: FileImportResult[];
  status?: number;
}

const FORMAT_EXAMPLE = `Title: The Salt Road Ferry
Work ID: 4021
Author: harbourlight
Rating: General Audiences
Archive Warning: No Archive Warnings Apply
Fandom: Original Work
Language: English
Chapters: 2/2

Summary:
A ferrywoman and a passenger with no fare.

Work text:
Chapter 1: Fog

The fog came in before the tide did.

Chapter 2: Tide

The tide came in after all.`;

function Results({ results, postAs }: { results: FileImportResult[]; postAs: PostAs }) {
  const imported = results.filter((r) => r.ok).length;
  return (
    <section class="import-results" aria-labelledby="results-heading">
      <h2 id="results-heading">Results</h2>
      <p role="status">
        Imported {imported} of {results.length} {results.length === 1 ? 'file' : 'files'}
        {imported && postAs === 'draft' ? ' as drafts' : ''}.
      </p>
      <ul>
        {results.map((result) =>
          result.ok ? (
            <li class="import-ok">
              <span class="file-name">{result.fileName}</span>: imported as{' '}
              <a href={`/works/${result.workId}`}>{result.title}</a>
            </li>
          ) : (
            <li class="import-failed">
              <span class="file-name">{result.fileName}</span>
              {result.line ? `, line ${result.line}` : ''}: {result.message} Nothing from this file was saved.
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

export function renderImportPage(c: AppContext, state: ImportPageState = {}): Response {
  const postAs = state.postAs ?? 'post';
  const errors = state.errors ?? {};
  const fileError = errors.files;
  return renderPage(
    c,
    { title: 'Import works', status: state.status },
    <section class="import-page">
      <h1>Import works</h1>
      {state.results ? <Results results={state.results} postAs={postAs} /> : null}
      <ErrorSummary errors={errors} />
      <h2>{state.results ? 'Import more works' : 'Choose files'}</h2>
      <p>
        Each file holds one work in the plain-text export format: a header of <code>Name: value</code> lines, then{' '}
        <code>Summary:</code>, <code>Notes:</code> and <code>Work text:</code>. The person named in <code>Author:</code>{' '}
        is shown as the creator: your own pseud when the name is one of yours, otherwise the name as given, and you can
        edit the work.
      </p>
      <details class="format-example">
        <summary>An example file</summary>
        <pre>{FORMAT_EXAMPLE}</pre>
      </details>
      <form method="post" action="/works/import" enctype="multipart/form-data">
        <div class={fileError ? 'field has-error' : 'field'}>
          <label for="files">Work files (.txt)</label>
          <p class="hint" id="files-hint">
            Up to {MAX_IMPORT_FILES} files at a time, each at most {MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB.
          </p>
          {fileError ? (
            <p class="field-error" id="files-error">
              {fileError}
            </p>
          ) : null}
          <input
            id="files"
            name="files"
            type="file"
            multiple
            accept=".txt,text/plain"
            required
            aria-invalid={fileError ? 'true' : undefined}
            aria-describedby={fileError ? 'files-hint files-error' : 'files-hint'}
          />
        </div>
        <ChoiceGroup
          name="post_as"
          label="When imported"
          type="radio"
          chosen={[postAs]}
          options={[
            ['post', 'Post them now'],
            ['draft', 'Keep them as drafts only I can see'],
          ]}
        />
        <button type="submit">Import</button>
      </form>
    </section>,
  );
}
