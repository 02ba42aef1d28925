/**
 * Who sees what, in one place: the listing rule and its audiences
 * (work-states.ts), its SQL form (queries.ts), and reading one work
 * (reading.ts). Every listing, count, feed, notice, API answer and download
 * asks here; nothing else restates the rule.
 */
export * from './work-states.ts';
export * from './queries.ts';
export * from './reading.ts';
export * from './inbox-queries.ts';
export * from './bookmark-queries.ts';
