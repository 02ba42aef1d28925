/**
 * What a viewer may do with a tag set: `can(viewer, action, access)`, pure.
 * Maintainers edit it, its tags and review nominations; owners also add and
 * remove co-maintainers. A set that is not visible is known only to its
 * maintainers (others get a 404); nominating needs a member, a set they may
 * see, and nominations open. `usable` is whether a challenge run by someone
 * else may choose its tags from the set.
 */
import type { Viewer } from '../web/context.ts';

export interface TagSetAccess {
  isVisible: boolean;
  isUsable: boolean;
  areNominationsOpen: boolean;
  maintainerIds: readonly number[];
  ownerIds: readonly number[];
}

export type TagSetAction = 'view' | 'edit' | 'manage-maintainers' | 'review' | 'nominate' | 'use';

export function isMaintainer(viewer: Pick<Viewer, 'id'> | null, set: TagSetAccess): boolean {
  return !!viewer && set.maintainerIds.includes(viewer.id);
}

export function can(viewer: Pick<Viewer, 'id'> | null, action: TagSetAction, set: TagSetAccess): boolean {
  switch (action) {
    case 'view':
      return set.isVisible || isMaintainer(viewer, set);
    case 'edit':
    case 'review':
      return isMaintainer(viewer, set);
    case 'manage-maintainers':
      return !!viewer && set.ownerIds.includes(viewer.id);
    case 'nominate':
      return !!viewer && set.areNominationsOpen && can(viewer, 'view', set);
    case 'use':
      return isMaintainer(viewer, set) || (set.isUsable && set.isVisible);
  }
}
