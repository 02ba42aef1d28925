/**
 * The series edit page: the details form (title, description, notes,
 * complete), the order form (a position number per work, no script needed),
 * a remove button per work, and the co-creator invitation form.
 */
import { ErrorSummary, TextArea, TextField, type FieldErrors } from '../web/forms.tsx';
import { LIMITS } from '../domain-facts.ts';
import type { SeriesRecord } from './queries.ts';

export interface SeriesFormValues {
  title: string;
  summary: string;
  notes: string;
  complete: boolean;
}

export interface ManagedWork {
  id: number;
  title: string;
  position: number;
}

export function SeriesEditPage({
  series,
  values,
  errors,
  works,
  invited,
}: {
  series: SeriesRecord;
  values: SeriesFormValues;
  errors: FieldErrors;
  works: ManagedWork[];
  invited: string[];
}) {
  const base = `/series/${series.id}`;
  return (
    <section class="series-edit">
      <h1>
        Edit series <a href={base}>{series.title}</a>
      </h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${base}/edit`}>
        <TextField
          name="title"
          label="Series title"
          value={values.title}
          required
          maxlength={LIMITS.titleMax}
          errors={errors}
        />
        <TextArea
          name="summary"
          label="Description"
          value={values.summary}
          maxlength={LIMITS.summaryMax}
          errors={errors}
        />
        <TextArea name="notes" label="Notes" value={values.notes} maxlength={LIMITS.notesMax} errors={errors} />
        <div class="field">
          <label class="choice" for="complete">
            <input id="complete" type="checkbox" name="complete" value="1" checked={values.complete} /> This series is
            complete
          </label>
        </div>
        <button type="submit">Save series</button>
      </form>

      <section aria-labelledby="order-heading">
        <h2 id="order-heading">Order of works</h2>
        {works.length ? (
          <>
            <form method="post" action={`${base}/order`}>
              <p class="hint">Give each work its place in the series; works are numbered again from 1 in that order.</p>
              <ol class="series-order">
                {works.map((work) => (
                  <li>
                    <label for={`position-${work.id}`}>{work.title}</label>{' '}
                    <input
                      id={`position-${work.id}`}
                      name={`position_${work.id}`}
                      type="number"
                      min="1"
                      value={String(work.position)}
                      inputmode="numeric"
                    />
                  </li>
                ))}
              </ol>
              <button type="submit">Save order</button>
            </form>
            <ul class="series-remove">
              {works.map((work) => (
                <li>
                  <form method="post" action={`${base}/works/${work.id}/remove`} class="actions">
                    <button type="submit" class="secondary" aria-label={`Remove “${work.title}” from the series`}>
                      Remove “{work.title}”
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>No works in this series that you can see.</p>
        )}
      </section>

      <section aria-labelledby="creators-heading">
        <h2 id="creators-heading">Co-creators</h2>
        {invited.length ? <p>Invited, waiting for an answer: {invited.join(', ')}.</p> : null}
        <form method="post" action={`${base}/creators`}>
          <TextField
            name="pseuds"
            label="Invite co-creators"
            hint="Pseud names, separated by commas. Each person is asked before they show as a creator of the series."
            errors={errors}
          />
          <button type="submit">Invite</button>
        </form>
      </section>
    </section>
  );
}
