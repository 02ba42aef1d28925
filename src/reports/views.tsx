/** The report form and a member's own reports. */
import { ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../web/forms.tsx';
import type { TargetFacts } from './queries.ts';
import { MAX_DESCRIPTION } from './file-report.ts';
import { REPORT_CATEGORIES, type Report } from './reports.table.ts';

const CATEGORY_OPTIONS = [
  ['', 'Choose one'] as const,
  ...Object.entries(REPORT_CATEGORIES).map(([value, label]) => [value, label] as const),
];

export function ReportForm(props: {
  target: TargetFacts;
  isGuest: boolean;
  values: { category?: string; description?: string; email?: string };
  errors: FieldErrors;
}) {
  const { target, isGuest, values, errors } = props;
  return (
    <>
      <h1>Report</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action="/reports" class="report-form" novalidate>
        <input type="hidden" name="type" value={target.type} />
        <input type="hidden" name="id" value={String(target.id)} />
        <p>
          You are reporting {target.type === 'user' ? 'the user' : ''}{' '}
          <a href={target.path} class="reported-thing">
            {target.label}
          </a>
          . The archive’s moderators read every report; the person you report is not told who you are.
        </p>
        <SelectField
          name="category"
          label="What is wrong"
          required
          value={values.category}
          options={CATEGORY_OPTIONS}
          errors={errors}
        />
        <TextArea
          name="description"
          label="Tell us more"
          required
          rows={6}
          maxlength={MAX_DESCRIPTION}
          value={values.description}
          errors={errors}
          hint="Where to look, and why it breaks the rules. Links help."
        />
        {isGuest ? (
          <TextField
            name="email"
            type="email"
            label="Your email"
            required
            autocomplete="email"
            value={values.email}
            errors={errors}
            hint="We write to tell you what was done, and never show it to anyone else."
          />
        ) : null}
        <button type="submit">Send report</button>
      </form>
    </>
  );
}

export function OwnReports({ reports }: { reports: Report[] }) {
  return (
    <>
      <h1>Your reports</h1>
      {reports.length === 0 ? (
        <p>You have not reported anything.</p>
      ) : (
        <table class="own-reports">
          <thead>
            <tr>
              <th scope="col">Sent</th>
              <th scope="col">What</th>
              <th scope="col">Why</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((report) => (
              <tr>
                <td>{report.created_at.slice(0, 10)}</td>
                <td>
                  {report.target_type} {report.target_id}
                </td>
                <td>{REPORT_CATEGORIES[report.category]}</td>
                <td>{report.status === 'open' ? 'Waiting for a moderator' : report.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
