/**
 * Tag kinds as people say them, and the rules that depend only on kinds:
 * which kinds are fixed, which a wrangler may give a tag, and which parent
 * links make sense (Media → Fandom → Character, Relationship, Additional
 * Tag; Character → Relationship).
 */
import type { TagKind } from './tags.table.ts';

export const TAG_KIND_LABELS: Record<TagKind, string> = {
  rating: 'Rating',
  warning: 'Archive Warning',
  category: 'Category',
  media: 'Media',
  fandom: 'Fandom',
  relationship: 'Relationship',
  character: 'Character',
  freeform: 'Additional Tag',
  unsorted: 'Unsorted',
};

/** Plural headings for lists of child tags. */
export const TAG_KIND_PLURALS: Record<TagKind, string> = {
  rating: 'Ratings',
  warning: 'Archive Warnings',
  category: 'Categories',
  media: 'Media',
  fandom: 'Fandoms',
  relationship: 'Relationships',
  character: 'Characters',
  freeform: 'Additional Tags',
  unsorted: 'Unsorted Tags',
};

/** Seeded with the archive and never wrangled. */
export const FIXED_KINDS: ReadonlySet<TagKind> = new Set(['rating', 'warning', 'category']);

/** Kinds a wrangler can give a tag, in the order forms offer them. */
export const WRANGLABLE_KINDS: readonly TagKind[] = [
  'fandom',
  'character',
  'relationship',
  'freeform',
  'media',
  'unsorted',
];

/** Kinds whose unwrangled tags sit in a fandom's bins. */
export const BIN_KINDS: readonly TagKind[] = ['character', 'relationship', 'freeform'];

const PARENT_KINDS: Partial<Record<TagKind, readonly TagKind[]>> = {
  fandom: ['media'],
  character: ['fandom'],
  relationship: ['fandom', 'character'],
  freeform: ['fandom'],
};

/** True when a tag of `parent` kind can have a child of `child` kind. */
export function canBeParentOf(parent: TagKind, child: TagKind): boolean {
  return PARENT_KINDS[child]?.includes(parent) ?? false;
}

export function parentKindsOf(child: TagKind): readonly TagKind[] {
  return PARENT_KINDS[child] ?? [];
}

export function isFixedKind(kind: TagKind): boolean {
  return FIXED_KINDS.has(kind);
}

/** Reads a kind as typed on the command line or in a query string: `freeform`, `Additional Tag`, `additional`… */
export function parseTagKind(text: string | undefined): TagKind | undefined {
  if (!text) return undefined;
  const key = text.toLowerCase().replace(/[\s_-]+/g, '');
  const aliases: Record<string, TagKind> = {
    additional: 'freeform',
    additionaltag: 'freeform',
    additionaltags: 'freeform',
    archivewarning: 'warning',
    warnings: 'warning',
    characters: 'character',
    relationships: 'relationship',
    fandoms: 'fandom',
  };
  if (key in aliases) return aliases[key];
  return (Object.keys(TAG_KIND_LABELS) as TagKind[]).find((kind) => kind === key);
}
