/**
 * What every /tag_sets/:id route starts from: the set as this viewer may
 * know of it (a private set is a 404 to all but its maintainers), and the
 * gate of changes (a guest goes to log in, others are refused with 403).
 */
import { requireViewer } from '../accounts/require-login.ts';
import type { AppContext, Viewer } from '../web/context.ts';
import { renderMessage } from '../web/layout.tsx';
import { can, type TagSetAction } from './policy.ts';
import { loadTagSet, type LoadedTagSet } from './tag-set.ts';

export function tagSetNotFound(c: AppContext): Response {
  return renderMessage(c, 404, 'Not found', 'There is no tag set at this address.');
}

export async function findTagSetFor(c: AppContext): Promise<LoadedTagSet | null> {
  const loaded = await loadTagSet(c.get('deps').db, Number(c.req.param('id')));
  if (!loaded || !can(c.get('viewer'), 'view', loaded.access)) return null;
  return loaded;
}

const REFUSALS: Partial<Record<TagSetAction, string>> = {
  'manage-maintainers': 'Only the owners of this tag set can change who maintains it.',
  nominate: 'Nominations for this tag set are closed.',
};

export async function gateTagSet(
  c: AppContext,
  action: TagSetAction,
): Promise<(LoadedTagSet & { viewer: Viewer }) | Response> {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const found = await findTagSetFor(c);
  if (!found) return tagSetNotFound(c);
  if (!can(viewer, action, found.access)) {
    return renderMessage(
      c,
      403,
      'Not allowed',
      REFUSALS[action] ?? 'Only the maintainers of this tag set can change it.',
    );
  }
  return { ...found, viewer };
}

/** A form's values under `name`, as a list (checkboxes send one per ticked box). */
export function listOf(body: Record<string, unknown>, name: string): string[] {
  const value = body[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

export const textOf = (body: Record<string, unknown>, name: string): string =>
  typeof body[name] === 'string' ? body[name] : '';

/** Ticked ids, whole numbers only. */
export function idsOf(body: Record<string, unknown>, name: string): number[] {
  return listOf(body, name)
    .filter((v) => /^[0-9]{1,9}$/.test(v))
    .map(Number);
}
