/**
 * Telling reporters what came of their report: the `report.resolved`
 * listener queues one mail per report, to the member's account address or
 * the guest's, saying the outcome and never who acted. Members also find it
 * on their own reports page (/reports).
 */
import type { Config } from '../config.ts';
import { queueMail } from '../outbox/mail.ts';
import type { EventListeners } from '../outbox/outbox.ts';
import { reportersToTell } from './queries.ts';
import { REPORT_CATEGORIES, type ReportCategory } from './reports.table.ts';

export function reportNoticeListeners(
  config: Pick<Config, 'baseUrl' | 'archiveName'>,
): Required<Pick<EventListeners, 'report.resolved'>> {
  return {
    'report.resolved': {
      inTransaction: true,
      async run(db, { reportIds }) {
        for (const reporter of await reportersToTell(db, reportIds)) {
          if (!reporter.email) continue;
          const category = REPORT_CATEGORIES[reporter.category as ReportCategory] ?? reporter.category;
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
