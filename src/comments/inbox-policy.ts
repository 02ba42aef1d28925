/**
 * Who may do what with an inbox: `can(viewer, action, owner)`, pure. An
 * inbox is its owner's alone; anyone else is told there is nothing there.
 */
import type { Viewer } from '../web/context.ts';

export type InboxAction =
  /** See the items, read or unread. */
  | 'read-inbox'
  /** Mark items read or unread, or remove them from the inbox. */
  | 'change-inbox';

export function can(viewer: Pick<Viewer, 'id'> | null, action: InboxAction, owner: { id: number }): boolean {
  switch (action) {
    case 'read-inbox':
    case 'change-inbox':
      return viewer?.id === owner.id;
  }
}
