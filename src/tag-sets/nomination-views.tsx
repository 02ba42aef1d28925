/**
 * The nomination pages: a member's own nominations as one form (a fandom
 * and its characters and relationships per slot, with each one's review
 * shown), and the maintainers' review list with a checkbox per nomination
 * and Approve / Reject buttons for all the ticked ones, no script needed.
 */
import { ErrorSummary, TextField, type FieldErrors } from '../web/forms.tsx';
import type { NominationView } from './nomination-queries.ts';
import type { NominationLimits, NominationSlot } from './nominate.ts';
import type { TagSetRow } from './tag-sets.table.ts';

/** The form's slots from what a person nominated, padded with empty slots up to the limit. */
export function slotsFrom(own: readonly NominationView[], fandomLimit: number): NominationSlot[] {
  const slots: NominationSlot[] = [];
  for (const fandom of own.filter((n) => n.kind === 'fandom')) {
    const under = (kind: string) =>
      own
        .filter((n) => n.kind === kind && n.fandomId === fandom.tagId)
        .map((n) => n.name)
        .join(', ');
    slots.push({ fandom: fandom.name, characters: under('character'), relationships: under('relationship') });
  }
  while (slots.length < fandomLimit) slots.push({ fandom: '', characters: '', relationships: '' });
  return slots;
}

const STATUS_WORDS = { pending: 'waiting for review', approved: 'approved', rejected: 'not approved' } as const;

export function NominationFormPage({
  set,
  limits,
  slots,
  own,
  errors,
}: {
  set: TagSetRow;
  limits: NominationLimits;
  slots: readonly NominationSlot[];
  own: readonly NominationView[];
  errors: FieldErrors;
}) {
  const base = `/tag_sets/${set.id}`;
  return (
    <section class="nominations">
      <h1>
        Nominate tags for <a href={base}>{set.title}</a>
      </h1>
      <p>
        Up to {limits.fandoms} fandoms; under each, up to {limits.characters} characters and {limits.relationships}{' '}
        relationships, separated by commas. Saving replaces your earlier nominations.
      </p>
      {own.length ? (
        <>
          <h2>Your nominations</h2>
          <ul>
            {own.map((n) => (
              <li>
                {n.name}
                {n.fandomName ? ` (${n.fandomName})` : ''}: {STATUS_WORDS[n.status]}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <form method="post" action={`${base}/nominations/mine`}>
        <ErrorSummary errors={errors} />
        {slots.map((slot, i) => (
          <fieldset>
            <legend>Fandom {i + 1}</legend>
            <TextField name={`fandom_${i}`} label="Fandom" value={slot.fandom} errors={errors} />
            {limits.characters > 0 || errors[`characters_${i}`] ? (
              <TextField name={`characters_${i}`} label="Characters" value={slot.characters} errors={errors} />
            ) : null}
            {limits.relationships > 0 || errors[`relationships_${i}`] ? (
              <TextField name={`relationships_${i}`} label="Relationships" value={slot.relationships} errors={errors} />
            ) : null}
          </fieldset>
        ))}
        <button type="submit">Save nominations</button>
      </form>
    </section>
  );
}

export function ReviewPage({
  set,
  pending,
  reviewedCount,
}: {
  set: TagSetRow;
  pending: readonly NominationView[];
  reviewedCount: number;
}) {
  const base = `/tag_sets/${set.id}`;
  return (
    <section class="nomination-review">
      <h1>
        Nominations for <a href={base}>{set.title}</a>
      </h1>
      <p>
        {pending.length} waiting for review; {reviewedCount} reviewed. Approved tags join the set, characters and
        relationships under the fandom they were nominated for.
      </p>
      {pending.length ? (
        <form method="post" action={`${base}/nominations/review`}>
          <table>
            <thead>
              <tr>
                <th scope="col">Choose</th>
                <th scope="col">Tag</th>
                <th scope="col">Kind</th>
                <th scope="col">Fandom</th>
                <th scope="col">Nominated by</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((n) => (
                <tr>
                  <td>
                    <input
                      type="checkbox"
                      id={`nomination-${n.id}`}
                      name="nomination"
                      value={String(n.id)}
                      aria-label={`Choose ${n.name}`}
                    />
                  </td>
                  <td>
                    <label for={`nomination-${n.id}`}>{n.name}</label>
                  </td>
                  <td>{n.kind}</td>
                  <td>{n.fandomName}</td>
                  <td>{n.username}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit" name="decision" value="approve">
            Approve ticked
          </button>{' '}
          <button type="submit" name="decision" value="reject" class="secondary">
            Reject ticked
          </button>
        </form>
      ) : null}
    </section>
  );
}
