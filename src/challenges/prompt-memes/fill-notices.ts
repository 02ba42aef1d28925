/**
 * Telling a prompter their prompt was filled: the `prompt.filled` listener
 * queues one mail per untold fill of the work and marks it told, in one
 * transaction, so each prompter hears once. The mail names the work as the
 * prompter may see it (src/visibility/): a Mystery Work's title and an
 * anonymous work's creators are not in it.
 */
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { queueMail } from '../../outbox/mail.ts';
import type { EventListeners } from '../../outbox/outbox.ts';
import { findWorkAccess, hidesCreatorsFrom, whyCannotReadWork } from '../../visibility/index.ts';
import type { Viewer } from '../../web/context.ts';
import { describeWorkForNotice } from '../../works/approval-queries.ts';
import { creatorLabel } from '../../works/creator-links.tsx';
import { listPromptsFilledBy, markFillsTold } from './queries.ts';

type NoticeSettings = Pick<Config, 'baseUrl' | 'archiveName'>;

/** The prompter as the reading rules see them: no staff powers. */
const asReader = (userId: number, username: string): Viewer => ({
  id: userId,
  username,
  isAdmin: false,
  isWrangler: false,
  isModerator: false,
  skipAdultNotice: false,
  hideWarnings: false,
  hideFreeform: false,
  sessionId: '',
});

export function promptFillListeners(config: NoticeSettings): Required<Pick<EventListeners, 'prompt.filled'>> {
  return {
    'prompt.filled': { inTransaction: true, run: (db, { workId }) => queueFillNotices(db, config, workId) },
  };
}

export async function queueFillNotices(db: Db, config: NoticeSettings, workId: number): Promise<void> {
  const [fills, access, facts] = await Promise.all([
    listPromptsFilledBy(db, workId),
    findWorkAccess(db, workId),
    describeWorkForNotice(db, workId),
  ]);
  if (!access || !facts) return; // deleted before the notice went out
  const untold = fills.filter((f) => f.is_told === 0);
  for (const fill of untold) {
    const prompter = asReader(fill.user_id, fill.username);
    if (access.creatorUserIds.includes(fill.user_id)) continue; // filled their own prompt
    const refusal = whyCannotReadWork(prompter, access);
    if (refusal && refusal !== 'unrevealed' && refusal !== 'log_in') continue;
    const prompt = fill.prompt_title ? `“${fill.prompt_title}”` : `number ${fill.prompt_id}`;
    const promptUrl = `${config.baseUrl}/collections/${encodeURIComponent(fill.collection_name)}/prompts/${fill.prompt_id}`;
    const byline = hidesCreatorsFrom(prompter, access)
      ? 'Anonymous'
      : facts.creators.map(creatorLabel).join(', ') || 'an orphaned account';
    const told =
      refusal === 'unrevealed'
        ? [`A Mystery Work in ${fill.collection_title} fills your prompt ${prompt}.`, 'It will be revealed later.']
        : [
            `“${facts.title}” by ${byline} fills your prompt ${prompt} in ${fill.collection_title}:`,
            `${config.baseUrl}/works/${workId}`,
          ];
    await queueMail(db, {
      to: fill.email,
      subject: `Your prompt in ${fill.collection_title} was filled`,
      text: [`Hello ${fill.username},`, '', ...told, '', 'Your prompt and its fills:', promptUrl].join('\n'),
    });
  }
  await markFillsTold(
    db,
    untold.map((f) => f.fill_id),
  );
}
