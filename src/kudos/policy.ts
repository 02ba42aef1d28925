/**
 * Who may leave kudos on a work, pure: `can(viewer, 'leave-kudos', work)`
 * and, for the refusal message, `whyCannotLeaveKudos`. Reading comes first
 * (visibility's rules: a guest meets a restricted work's log-in prompt, and
 * only a work the archive's listings show this reader takes kudos — no
 * drafts, no hidden works); then creators may not praise their own work, and a
 * person blocked by any of its creators may not reach them this way.
 */
import type { Viewer } from '../web/context.ts';
import {
  isCreator,
  isListedWithStates,
  listingAudience,
  whyCannotReadWork,
  type WorkAccess,
} from '../visibility/index.ts';

export type KudosAction = 'leave-kudos' | 'see-kudos-history' | 'see-kudos-by-chapter';

/** Why the viewer may not leave kudos, or null when they may. */
export type KudosRefusal = 'not_found' | 'log_in' | 'own_work' | 'blocked';

export interface KudosTarget {
  access: WorkAccess;
  /** Whether any creator of the work has blocked the viewer (`isBlockedByAny`). */
  isBlocked: boolean;
}

export function whyCannotLeaveKudos(viewer: Viewer | null, { access, isBlocked }: KudosTarget): KudosRefusal | null {
  const reading = whyCannotReadWork(viewer, access);
  if (reading === 'log_in') return 'log_in';
  // Only a work its readers' listings show takes kudos: a draft has no readers yet, and a hidden work waits
  // for a moderator (who may read it, but not praise it meanwhile).
  if (reading || !isListedWithStates(listingAudience(viewer), access.states)) return 'not_found';
  if (isCreator(viewer, access)) return 'own_work';
  if (isBlocked) return 'blocked';
  return null;
}

export function can(viewer: Viewer | null, action: 'leave-kudos', target: KudosTarget): boolean;
export function can(viewer: Viewer | null, action: 'see-kudos-history', user: { id: number }): boolean;
export function can(viewer: Viewer | null, action: 'see-kudos-by-chapter', access: WorkAccess): boolean;
export function can(viewer: Viewer | null, action: KudosAction, resource: unknown): boolean {
  switch (action) {
    case 'leave-kudos':
      return whyCannotLeaveKudos(viewer, resource as KudosTarget) === null;
    case 'see-kudos-history':
      // Private to the reader: what someone praised is theirs to know.
      return viewer?.id === (resource as { id: number }).id;
    case 'see-kudos-by-chapter':
      return isCreator(viewer, resource as WorkAccess);
  }
}

/** What the reader is told when they may not. */
export const REFUSAL_MESSAGES: Record<KudosRefusal, string> = {
  not_found: 'There is no work at this address.',
  log_in: 'Log in to leave kudos on this work: it is restricted to logged-in users.',
  own_work: 'You can’t leave kudos on your own work.',
  blocked: 'Sorry, you have been blocked by one of this work’s creators, so you can’t leave kudos on it.',
};

export const ALREADY_LEFT_MESSAGE = 'You have already left kudos here :)';
export const THANKS_MESSAGE = 'Thank you for leaving kudos!';
