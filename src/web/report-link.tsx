/**
 * The Report link on every work, chapter, comment, bookmark, series and user
 * page (src/reports/ handles the form it opens). It sits in web/ so each of
 * those folders can show it without importing reports.
 */
export type ReportableKind = 'work' | 'chapter' | 'comment' | 'bookmark' | 'series' | 'user';

export const reportPath = (kind: ReportableKind, id: number) => `/reports/new?type=${kind}&id=${id}`;

export function ReportLink({ kind, id, label = 'Report' }: { kind: ReportableKind; id: number; label?: string }) {
  return (
    <a class="report-link" href={reportPath(kind, id)} rel="nofollow">
      {label}
    </a>
  );
}
