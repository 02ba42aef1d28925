/**
 * Who a prompt is by, as a given viewer may be told: the pseud (and
 * username when they differ), or "Anonymous" to everyone the policy keeps
 * from the prompter. Every page, mail and API answer that names a prompter
 * goes through `prompterOf`, so an anonymous prompt never names its
 * prompter by another road.
 */
import type { Viewer } from '../../web/context.ts';
import { can } from './policy.ts';

export interface PrompterFacts {
  user_id: number;
  username: string;
  pseud_name: string | null;
  is_anonymous: number;
}

/** null: the viewer may not know who posted it (shown as "Anonymous"). */
export interface Prompter {
  username: string;
  pseud: string;
  label: string;
}

export function prompterOf(viewer: Viewer | null, facts: PrompterFacts, isMaintainer: boolean): Prompter | null {
  const prompt = { userId: facts.user_id, isAnonymous: facts.is_anonymous === 1 };
  if (!can(viewer, 'see-prompter', { isMaintainer, prompt })) return null;
  const pseud = facts.pseud_name ?? facts.username;
  return { username: facts.username, pseud, label: pseud === facts.username ? pseud : `${pseud} (${facts.username})` };
}

export const prompterLabel = (prompter: Prompter | null) => prompter?.label ?? 'Anonymous';
