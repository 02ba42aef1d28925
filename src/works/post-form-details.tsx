/**
 * The post form after the tags: the preface (title, creators, summary,
 * notes), associations (series, related work, gift), dates and chapter
 * count, and privacy and comments — in that order.
 */
import type { Pseud } from '../accounts/accounts.table.ts';
import { COMMENT_PERMISSIONS, LIMITS, RELATIONS } from '../domain-facts.ts';
import { ChoiceGroup, SelectField, TextArea, TextField, type FieldErrors } from '../web/forms.tsx';
import type { WorkFormValues } from './form-schema.ts';

interface Props {
  values: WorkFormValues;
  errors: FieldErrors;
}

/** One checkbox with its label; its error (if any) beside it. */
export function CheckboxField(props: {
  name: string;
  label: string;
  checked: boolean;
  errors: FieldErrors;
  hint?: string;
}) {
  const { name, label, checked, errors, hint } = props;
  return (
    <div class={errors[name] ? 'field checkbox has-error' : 'field checkbox'}>
      <input
        id={name}
        type="checkbox"
        name={name}
        value="1"
        checked={checked}
        aria-describedby={hint ? `${name}-hint` : undefined}
      />{' '}
      <label for={name} class="choice">
        {label}
      </label>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors[name] ? <p class="field-error">{errors[name]}</p> : null}
    </div>
  );
}

export function PrefaceFields({ values, errors, ownPseuds }: Props & { ownPseuds: Pseud[] }) {
  return (
    <section class="form-section" aria-labelledby="preface-heading">
      <h2 id="preface-heading">Preface</h2>
      <TextField
        name="title"
        label="Title"
        required
        value={values.title}
        errors={errors}
        hint={`Up to ${LIMITS.titleMax} characters.`}
      />
      <div id="pseuds">
        <ChoiceGroup
          name="pseuds"
          label="Creators: your pseuds"
          required
          chosen={values.pseuds}
          errors={errors}
          options={ownPseuds.map((p) => [String(p.id), p.name] as const)}
        />
      </div>
      <TextField
        name="co_creators"
        label="Co-creators"
        value={values.co_creators}
        errors={errors}
        hint={`Other people’s pseuds, separated by commas (at most ${LIMITS.creatorsMax}); write "Pseud (username)" when a pen name is shared. They are invited and show once they accept.`}
      />
      <TextArea
        name="summary"
        label="Summary"
        value={values.summary}
        errors={errors}
        rows={4}
        hint={`Up to ${LIMITS.summaryMax.toLocaleString('en')} characters; a little HTML is allowed.`}
      />
      <TextArea
        name="notes"
        label="Notes"
        value={values.notes}
        errors={errors}
        rows={4}
        hint={`Shown before the work. Up to ${LIMITS.notesMax.toLocaleString('en')} characters.`}
      />
      <TextArea
        name="end_notes"
        label="End notes"
        value={values.end_notes}
        errors={errors}
        rows={4}
        hint={`Shown after the work. Up to ${LIMITS.notesMax.toLocaleString('en')} characters.`}
      />
    </section>
  );
}

export function AssociationFields({
  values,
  errors,
  seriesChoices,
}: Props & { seriesChoices: ReadonlyArray<{ id: number; title: string }> }) {
  return (
    <section class="form-section" aria-labelledby="associations-heading">
      <h2 id="associations-heading">Associations</h2>
      <SelectField
        name="series_id"
        label="Add to one of your series"
        value={values.series_id}
        errors={errors}
        options={[['', 'No series'], ...seriesChoices.map((s) => [String(s.id), s.title] as const)]}
      />
      <TextField
        name="series_title"
        label="Or begin a new series"
        value={values.series_title}
        errors={errors}
        hint="The new series' title."
      />
      <TextField
        name="series_position"
        label="Position in the series"
        type="number"
        value={values.series_position}
        errors={errors}
        hint="Leave blank to add it at the end."
      />
      <TextField
        name="related_url"
        label="Related work"
        type="url"
        value={values.related_url}
        errors={errors}
        hint="The address of a work here (its /works/ link) or elsewhere on the web."
      />
      <SelectField
        name="related_relation"
        label="This work is"
        value={values.related_relation}
        errors={errors}
        options={Object.entries(RELATIONS)}
      />
      <TextField
        name="gift_to"
        label="Gift this work to"
        value={values.gift_to}
        errors={errors}
        hint={`Pseuds on this archive or any names, separated by commas (at most ${LIMITS.giftRecipientsMax}).`}
      />
      <TextField
        name="collections"
        label="Post to collections"
        value={values.collections}
        errors={errors}
        hint="Collections’ short names, separated by commas. A moderated collection’s maintainers approve the work first."
        suggestFrom="/collections/autocomplete"
      />
    </section>
  );
}

export function ChapterCountAndDateFields({ values, errors }: Props) {
  return (
    <section class="form-section" aria-labelledby="dates-heading">
      <h2 id="dates-heading">Dates and chapters</h2>
      <TextField
        name="published_on"
        label="Publication date"
        type="date"
        value={values.published_on}
        errors={errors}
        hint="Leave blank for the day it is posted, or backdate a work first posted elsewhere (YYYY-MM-DD)."
      />
      <TextField
        name="expected_chapters"
        label="Expected number of chapters"
        value={values.expected_chapters}
        errors={errors}
        hint='A number, or "?" if you do not know yet.'
      />
    </section>
  );
}

export function PrivacyFields({ values, errors }: Props) {
  return (
    <section class="form-section" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Privacy and comments</h2>
      <CheckboxField
        name="restricted"
        label="Only show this work to people who are logged in"
        checked={values.restricted}
        errors={errors}
      />
      <div id="comment_permission">
        <ChoiceGroup
          name="comment_permission"
          label="Who may comment"
          type="radio"
          chosen={[values.comment_permission]}
          errors={errors}
          options={Object.entries(COMMENT_PERMISSIONS)}
        />
      </div>
      <CheckboxField
        name="moderated_comments"
        label="Moderate comments: approve each before it shows"
        checked={values.moderated_comments}
        errors={errors}
      />
    </section>
  );
}
