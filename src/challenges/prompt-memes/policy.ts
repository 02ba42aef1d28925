/**
 * What a viewer may do with a prompt meme and its prompts, pure:
 * `can(viewer, action, resource)`. The collection's maintainers set the meme
 * up and remove any prompt or claim; a member posts prompts while sign-ups
 * are open and edits or deletes their own then; any member claims a prompt
 * and drops their own claim until they have filled it. An anonymous
 * prompt's prompter is known to themselves and the maintainers only.
 */
import type { Viewer } from '../../web/context.ts';

export interface PromptResource {
  /** The viewer maintains the meme's collection (collections' `canMaintain`). */
  isMaintainer: boolean;
  /** Sign-ups are open now (sign-up-window.ts). */
  isOpen?: boolean;
  prompt?: { userId: number; isAnonymous: boolean };
  claim?: { userId: number; hasFill: boolean };
}

export type PromptAction =
  'configure' | 'post' | 'edit' | 'delete' | 'remove' | 'claim' | 'drop-claim' | 'remove-claim' | 'see-prompter';

export function can(viewer: Viewer | null, action: PromptAction, r: PromptResource): boolean {
  if (!viewer) return action === 'see-prompter' && !!r.prompt && !r.prompt.isAnonymous;
  const ownsPrompt = r.prompt?.userId === viewer.id;
  switch (action) {
    case 'configure':
    case 'remove':
    case 'remove-claim':
      return r.isMaintainer;
    case 'post':
      return !!r.isOpen;
    case 'edit':
    case 'delete':
      return ownsPrompt && !!r.isOpen;
    case 'claim':
      return !!r.prompt;
    case 'drop-claim':
      return r.claim?.userId === viewer.id && !r.claim.hasFill;
    case 'see-prompter':
      return !!r.prompt && (!r.prompt.isAnonymous || ownsPrompt || r.isMaintainer);
  }
}
