/** The collection pages' parts: the profile, the index, the items queue (the form is form-view.tsx). */
import { CollectionIcon } from './icon.tsx';
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Collection, ItemStatus, ParticipantRole } from './collections.table.ts';

export const collectionPath = (name: string) => `/collections/${encodeURIComponent(name)}`;

function settingsOf(
  c: Pick<Collection, 'is_closed' | 'is_moderated' | 'is_members_only' | 'is_anonymous' | 'is_unrevealed'>,
) {
  return [
    c.is_closed ? 'Closed' : 'Open',
    c.is_moderated ? 'Moderated' : 'Unmoderated',
    ...(c.is_members_only ? ['Members only'] : []),
    ...(c.is_anonymous ? ['Anonymous'] : []),
    ...(c.is_unrevealed ? ['Unrevealed'] : []),
  ].join(', ');
}

export interface ProfileProps {
  collection: Collection;
  parent: Collection | undefined;
  subcollections: Collection[];
  people: Array<{ username: string; role: ParticipantRole }>;
  mysteryCount: number;
  isMaintainer: boolean;
  /** It holds a prompt meme (src/challenges/prompt-memes/). */
  hasPromptMeme?: boolean;
}

export function CollectionProfile({
  collection,
  parent,
  subcollections,
  people,
  mysteryCount,
  isMaintainer,
  hasPromptMeme,
}: ProfileProps) {
  const path = collectionPath(collection.name);
  const maintainers = people.filter((p) => p.role !== 'member');
  const section = (title: string, html: string) =>
    html ? (
      <section class={`collection-${title.toLowerCase()}`}>
        <h3>{title}</h3>
        {raw(html)}
      </section>
    ) : null;
  return (
    <div class="collection-profile">
      <CollectionIcon collection={collection} />
      <p class="collection-settings">{settingsOf(collection)}</p>
      {parent ? (
        <p>
          Part of <a href={collectionPath(parent.name)}>{parent.title}</a>
        </p>
      ) : null}
      {section('Description', collection.description)}
      {section('Introduction', collection.introduction)}
      {section('Rules', collection.rules)}
      {section('FAQ', collection.faq)}
      <p class="collection-maintainers">
        Maintainers:{' '}
        {maintainers.map((p, i) => (
          <>
            {i ? ', ' : ''}
            <a href={`/users/${encodeURIComponent(p.username)}`}>{p.username}</a>
          </>
        ))}
      </p>
      {subcollections.length ? (
        <section class="subcollections">
          <h3>Subcollections</h3>
          <ul>
            {subcollections.map((child) => (
              <li>
                <a href={collectionPath(child.name)}>{child.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p class="collection-feed">
        <a href={`${path}/works.atom`}>Subscribe to this collection’s feed</a> (Atom)
      </p>
      {mysteryCount ? (
        <p class="mystery-works">
          {mysteryCount === 1 ? '1 Mystery Work' : `${mysteryCount} Mystery Works`}: part of an ongoing challenge, to be
          revealed soon.
        </p>
      ) : null}
      {hasPromptMeme ? (
        <p class="collection-challenge">
          Challenge: a prompt meme. <a href={`${path}/prompts`}>Its prompts</a>
        </p>
      ) : null}
      {isMaintainer ? (
        <p>
          <a href={`${path}/items`}>Manage items</a> · <a href={`${path}/edit`}>Settings, maintainers and members</a> ·{' '}
          <a href={`${path}/prompt_meme`}>{hasPromptMeme ? 'Prompt meme settings' : 'Add a prompt meme'}</a>
        </p>
      ) : null}
      {isMaintainer ? <MaintainerForms collection={collection} /> : null}
    </div>
  );
}

function MaintainerForms({ collection }: { collection: Collection }) {
  const path = collectionPath(collection.name);
  return (
    <section class="collection-maintain">
      <form method="post" action={`${path}/reveal`}>
        <fieldset>
          <legend>Reveal</legend>
          <select name="what">
            <option value="both">Works and creators</option>
            <option value="works">Works</option>
            <option value="creators">Creators</option>
          </select>
          <label>
            At (UTC, empty for now) <input type="datetime-local" name="at" />
          </label>
          <button type="submit">Reveal</button>
        </fieldset>
        {collection.reveal_at ? <p>A reveal is scheduled for {collection.reveal_at}.</p> : null}
      </form>
      <form method="post" action={`${path}/invite`}>
        <label>
          Invite work (id) <input type="text" name="work_id" />
        </label>
        <button type="submit">Invite</button>
      </form>
    </section>
  );
}

export interface IndexRow {
  name: string;
  title: string;
  is_closed: number;
  is_moderated: number;
  is_anonymous: number;
  is_unrevealed: number;
  size: number;
}

export function CollectionIndex({ rows, query }: { rows: IndexRow[]; query: Record<string, string> }): Child {
  const select = (name: string, options: Array<[string, string]>) => (
    <select name={name}>
      {options.map(([value, label]) => (
        <option value={value} selected={query[name] === value}>
          {label}
        </option>
      ))}
    </select>
  );
  return (
    <>
      <form method="get" action="/collections" class="collection-filters">
        {select('closed', [
          ['', 'Open or closed'],
          ['no', 'Open'],
          ['yes', 'Closed'],
        ])}
        {select('moderated', [
          ['', 'Moderated or not'],
          ['yes', 'Moderated'],
          ['no', 'Unmoderated'],
        ])}
        {select('challenge', [
          ['', 'With a challenge or not'],
          ['yes', 'Has a challenge'],
          ['no', 'No challenge'],
        ])}
        <label>
          Fandom <input type="text" name="fandom" value={query.fandom ?? ''} />
        </label>
        {select('sort', [
          ['title', 'Title'],
          ['created', 'Date'],
          ['size', 'Size'],
        ])}
        <button type="submit">Filter</button>
      </form>
      <p>
        <a href="/collections/new">New collection</a>
      </p>
      <ul class="collections">
        {rows.map((row) => (
          <li class="collection-blurb">
            <a href={collectionPath(row.name)}>{row.title}</a> ({settingsOf({ ...row, is_members_only: 0 })}) —{' '}
            {row.size === 1 ? '1 work' : `${row.size} works`}
          </li>
        ))}
      </ul>
    </>
  );
}

export const ITEM_STATUSES: ItemStatus[] = ['awaiting', 'approved', 'rejected', 'removed', 'invited', 'declined'];

export function ItemsPage({
  collection,
  status,
  items,
}: {
  collection: Collection;
  status: ItemStatus;
  items: Array<{ id: number; work_id: number; title: string }>;
}) {
  const path = collectionPath(collection.name);
  return (
    <>
      <nav class="item-statuses">
        {ITEM_STATUSES.map((s) => (
          <> {s === status ? <strong>{s}</strong> : <a href={`${path}/items?status=${s}`}>{s}</a>}</>
        ))}
      </nav>
      <form method="post" action={`${path}/items`}>
        <ul class="items">
          {items.map((item) => (
            <li>
              <label>
                <input type="checkbox" name="item" value={String(item.id)} />{' '}
                <a href={`/works/${item.work_id}`}>{item.title}</a>
              </label>
            </li>
          ))}
        </ul>
        {items.length ? (
          <p>
            <button type="submit" name="action" value="approve">
              Approve
            </button>{' '}
            <button type="submit" name="action" value="reject">
              Reject
            </button>{' '}
            <button type="submit" name="action" value="remove">
              Remove
            </button>
          </p>
        ) : (
          <p>Nothing here.</p>
        )}
      </form>
    </>
  );
}
