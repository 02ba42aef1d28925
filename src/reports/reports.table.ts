/** Reports of abuse (migration 0031): one row per report; the queue groups them by the thing reported. */
import type { Generated, Selectable } from 'kysely';

/** What can be reported: each has a Report link on its page. */
export const REPORT_TARGETS = ['work', 'chapter', 'comment', 'bookmark', 'series', 'user'] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];

export const REPORT_CATEGORIES = {
  spam: 'Spam',
  harassment: 'Harassment',
  copyright: 'Copyright or plagiarism',
  'rating-warning': 'A rating or warning that doesn’t fit',
  'personal-information': 'Personal information',
  other: 'Something else',
} as const;
export type ReportCategory = keyof typeof REPORT_CATEGORIES;

export type ReportStatus = 'open' | 'resolved';

export interface ReportsTable {
  id: Generated<number>;
  target_type: ReportTarget;
  target_id: number;
  category: ReportCategory;
  description: string;
  reporter_user_id: number | null;
  /** A guest's address; members are written to at their account's. */
  reporter_email: string | null;
  reporter_key: string;
  status: Generated<ReportStatus>;
  assigned_user_id: number | null;
  /** What was done, in the words the reporter is told ("The work was hidden.", "No action was needed."). */
  outcome: string | null;
  resolved_at: string | null;
  created_at: string;
}

export type Report = Selectable<ReportsTable>;
