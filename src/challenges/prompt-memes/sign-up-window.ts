/**
 * Whether a prompt meme takes prompts now: between its opening and closing
 * instants (either may be unset), and if not, the sentence that says when
 * it opens or closed, in the collection's time zone. Prompts are posted,
 * edited and deleted only while it is open; claims and fills go on after.
 */
import type { PromptMemeRow } from './prompt-memes.table.ts';
import { showInstant } from './time-zone.ts';

export function whySignUpsAreShut(
  meme: Pick<PromptMemeRow, 'opens_at' | 'closes_at'>,
  zone: string,
  now: Date,
): string | null {
  const at = now.toISOString();
  if (meme.opens_at && at < meme.opens_at)
    return `Sign-ups for this prompt meme open on ${showInstant(meme.opens_at, zone)}.`;
  if (meme.closes_at && at >= meme.closes_at)
    return `Sign-ups for this prompt meme closed on ${showInstant(meme.closes_at, zone)}.`;
  return null;
}
