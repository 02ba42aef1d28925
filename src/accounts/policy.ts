/**
 * Who may change an account (`can(viewer, 'change-account', user)`), pure:
 * its owner — rename it, change its email and password, orphan its works,
 * export its data, delete it. An admin deletes an account through the audit
 * log's command instead (`quire user delete`).
 */
import type { Viewer } from '../web/context.ts';

export type AccountAction = 'change-account';

export function can(viewer: Pick<Viewer, 'id'> | null, action: AccountAction, user: { id: number }): boolean {
  switch (action) {
    case 'change-account':
      return viewer?.id === user.id;
  }
}
