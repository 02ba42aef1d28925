/**
 * The tags part of the post form, in the order of the work page's meta
 * block: rating, archive warnings, categories, fandoms, relationships,
 * characters, additional tags, then the language.
 */
import { CATEGORIES, LIMITS, RATINGS, WARNINGS } from '../domain-facts.ts';
import { ChoiceGroup, SelectField, TextField, type FieldErrors } from '../web/forms.tsx';
import type { WorkFormValues } from './form-schema.ts';

const pairs = (values: readonly string[]) => values.map((v) => [v, v] as const);

export function TagFields(props: {
  values: WorkFormValues;
  errors: FieldErrors;
  languages: ReadonlyArray<{ code: string; name: string }>;
}) {
  const { values, errors, languages } = props;
  const comma = 'Separate tags with commas.';
  return (
    <section class="form-section" aria-labelledby="tags-heading">
      <h2 id="tags-heading">Tags</h2>
      <p class="hint">
        Fandoms, relationships, characters and additional tags: at most {LIMITS.freeTextTagsMax} in total.
      </p>
      <SelectField
        name="rating"
        label="Rating"
        required
        value={values.rating}
        errors={errors}
        options={[['', 'Choose a rating'], ...pairs(RATINGS)]}
      />
      <div id="warnings">
        <ChoiceGroup
          name="warnings"
          label="Archive warnings"
          required
          chosen={values.warnings}
          errors={errors}
          options={pairs(WARNINGS)}
        />
      </div>
      <div id="categories">
        <ChoiceGroup
          name="categories"
          label="Categories"
          chosen={values.categories}
          errors={errors}
          options={pairs(CATEGORIES)}
        />
      </div>
      <TextField
        name="fandoms"
        label="Fandoms"
        required
        value={values.fandoms}
        errors={errors}
        hint={`${comma} For a story of your own, use "Original Work".`}
      />
      <TextField
        name="relationships"
        label="Relationships"
        value={values.relationships}
        errors={errors}
        hint={`${comma} "A/B" for a romantic relationship, "A & B" for a platonic one.`}
      />
      <TextField name="characters" label="Characters" value={values.characters} errors={errors} hint={comma} />
      <TextField name="freeforms" label="Additional tags" value={values.freeforms} errors={errors} hint={comma} />
      <SelectField
        name="language"
        label="Language"
        required
        value={values.language}
        errors={errors}
        options={languages.map((l) => [l.code, l.name] as const)}
      />
    </section>
  );
}
