/**
 * Telling reporters what came of their report: the `report.resolved`
 * listener queues one mail per report, to the member's account address or
 * the guest's, saying the outcome and never who acted. A member also finds
 * it in their inbox (a notice, migration 0055, counted in the header's
 * unread number) and on their own reports page (/reports).
 */
import type { Config } from '../config.ts';
import { insertInboxNotice } from '../comments/inbox-queries.ts';
import { queueMail } from '../outbox/mail.ts';
import type { EventListeners } from '../outbox/outbox.ts';
import { reportersToTell } from './queries.ts';
import { REPORT_CATEGORIES, type ReportCategory } from './reports.table.ts';

/** The inbox's line: which report (its kind, category and day) and what came of it — never who acted. */
export function reportOutcomeText(
  reporter: { target_type: string; created_at: string; outcome: string | null },
  category: string,
): string {
  return (
    `Your report of a ${reporter.target_type} (${category.toLowerCase()}, ${reporter.created_at.slice(0, 10)}) ` +
    `has been reviewed. ${reporter.outcome ?? 'It has been resolved.'}`
  );
}

export function reportNoticeListeners(
  config: Pick<Config, 'baseUrl' | 'archiveName'>,
): Required<Pick<EventListeners, 'report.resolved'>> {
  return {
    'report.resolved': {
      inTransaction: true,
      async run(db, { reportIds }) {
        const now = new Date();
        for (const reporter of await reportersToTell(db, reportIds)) {
          const category = REPORT_CATEGORIES[reporter.category as ReportCategory] ?? reporter.category;
          if (reporter.user_id !== null) {
            await insertInboxNotice(db, {
              userId: reporter.user_id,
              reason: 'report',
              text: reportOutcomeText(reporter, category),
              path: '/reports',
              now,
            });
          }
          if (!reporter.email) continue;
          await queueMail(
            db,
            {
              to: reporter.email,
              subject: `Your report to ${config.archiveName}: what was done`,
              text: [
                'Hello,',
                '',
                `Thank you for your report (${category.toLowerCase()}). The moderators have reviewed it.`,
                '',
                reporter.outcome ?? 'It has been resolved.',
                '',
                ...(reporter.user_id ? [`Your reports: ${config.baseUrl}/reports`] : []),
              ].join('\n'),
            },
            { onceKey: `report-resolved:${reporter.report_id}` },
          );
        }
      },
    },
  };
}
