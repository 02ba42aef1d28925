/**
 * Filing a report, one command for the form and the API: what is reported
 * must exist and be readable by the reporter (a report cannot confirm that
 * a hidden draft exists), a person reports the same thing at most once a
 * day (a member by account, a guest by the address they give), and reports
 * per client address are rate limited so a script cannot bury the queue.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { findWorkAccess, whyCannotReadWork } from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import type { RateLimiter, RateLimitRule } from '../web/rate-limit.ts';
import { findTarget, hasReportedSince, insertReport, type TargetFacts } from './queries.ts';
import { REPORT_CATEGORIES, REPORT_TARGETS, type ReportCategory, type ReportTarget } from './reports.table.ts';

/** Reports from one client address (guests and members alike) per window. */
export const REPORT_RULE: RateLimitRule = { limit: 10, windowMs: 60 * 60_000 };
const DAY_MS = 86_400_000;
export const MAX_DESCRIPTION = 4000;

export const reportInputSchema = z.object({
  type: z.enum(REPORT_TARGETS, { message: 'Say what kind of thing you are reporting.' }),
  id: z.coerce.number().int().positive({ message: 'Say which one you are reporting.' }),
  category: z.enum(Object.keys(REPORT_CATEGORIES) as [ReportCategory, ...ReportCategory[]], {
    message: 'Choose what is wrong.',
  }),
  description: z
    .string()
    .trim()
    .min(1, { message: 'Tell us what is wrong, in a few words.' })
    .max(MAX_DESCRIPTION, { message: `Keep it under ${MAX_DESCRIPTION} characters.` }),
  email: z.string().trim().optional(),
});
export type ReportInput = z.infer<typeof reportInputSchema>;

export type FileOutcome =
  | { ok: true; reportId: number; target: TargetFacts }
  | { ok: false; kind: 'not-found' }
  | { ok: false; kind: 'invalid'; errors: Record<string, string> }
  | { ok: false; kind: 'already'; target: TargetFacts }
  | { ok: false; kind: 'rate-limited'; wait: number };

const emailSchema = z.string().email({ message: 'Give an address we can tell of the outcome.' }).max(254);

/** The key "once a day" is counted by: the account, or the guest's address folded and hashed. */
export function reporterKeyOf(viewer: Viewer | null, email: string | null): string {
  if (viewer) return `user:${viewer.id}`;
  const folded = (email ?? '').trim().toLowerCase();
  return `guest:${crypto.createHash('sha256').update(`quire-report\n${folded}`).digest('base64url').slice(0, 22)}`;
}

/** The thing, when it exists and this person may see it; else undefined (the caller answers 404). */
export async function findReportableTarget(
  db: Db,
  viewer: Viewer | null,
  type: ReportTarget,
  id: number,
): Promise<TargetFacts | undefined> {
  const target = await findTarget(db, type, id);
  if (!target) return undefined;
  if (target.workId !== null) {
    const access = await findWorkAccess(db, target.workId);
    const refusal = access ? whyCannotReadWork(viewer, access) : 'not_found';
    if (refusal === 'not_found') return undefined;
  }
  return target;
}

export async function fileReport(
  deps: { db: Db; rateLimiter: RateLimiter },
  viewer: Viewer | null,
  raw: Record<string, unknown>,
  address: string,
  now = new Date(),
): Promise<FileOutcome> {
  const parsed = reportInputSchema.safeParse(raw);
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  }
  let email: string | null = null;
  if (!viewer) {
    const checked = emailSchema.safeParse(typeof raw.email === 'string' ? raw.email.trim() : '');
    if (checked.success) email = checked.data;
    else errors.email = checked.error.issues[0]?.message ?? 'Give your email address.';
  }
  if (!parsed.success || Object.keys(errors).length) {
    if (errors.type || errors.id) return { ok: false, kind: 'not-found' };
    return { ok: false, kind: 'invalid', errors };
  }
  const { db, rateLimiter } = deps;
  const input = parsed.data;
  const target = await findReportableTarget(db, viewer, input.type, input.id);
  if (!target) return { ok: false, kind: 'not-found' };
  const reporterKey = reporterKeyOf(viewer, email);
  if (await hasReportedSince(db, reporterKey, input.type, input.id, new Date(now.getTime() - DAY_MS).toISOString())) {
    return { ok: false, kind: 'already', target };
  }
  const wait = await rateLimiter.hit(`report:address:${address}`, REPORT_RULE);
  if (wait) return { ok: false, kind: 'rate-limited', wait };
  const reportId = await insertReport(db, {
    type: input.type,
    id: input.id,
    category: input.category,
    description: input.description,
    reporterUserId: viewer?.id ?? null,
    reporterEmail: email,
    reporterKey,
    createdAt: now.toISOString(),
  });
  return { ok: true, reportId, target };
}
