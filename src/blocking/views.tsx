/**
 * What blocking and muting look like: the buttons on a profile, the page
 * that asks before blocking or muting someone, and the lists of people one
 * blocks or mutes, each with a button to take them off.
 */
import type { Child } from 'hono/jsx';
import type { Viewer } from '../web/context.ts';
import { can, type BlockTarget } from './policy.ts';
import type { BlockOrMute, ListedPerson } from './queries.ts';

export function userPath(username: string): string {
  return `/users/${encodeURIComponent(username)}`;
}

/** Said once per kind, so buttons, pages and messages agree. */
export const WORDS: Record<
  BlockOrMute,
  {
    verb: string;
    undo: string;
    done: string;
    undone: string;
    list: string;
    listPath: string;
    explain: (name: string) => Child;
  }
> = {
  block: {
    verb: 'Block',
    undo: 'Unblock',
    done: 'blocked',
    undone: 'unblocked',
    list: 'Blocked users',
    listPath: 'blocked',
    explain: (name) => (
      <>
        <p>
          Once blocked, <strong>{name}</strong> cannot comment on your works, reply to your comments, leave kudos on
          your works or give you gifts. Comments they already left on your works stay until you delete them.
        </p>
        <p>
          They are not told. You still see their works and comments; mute them too if you would rather not. You can
          unblock them at any time from your preferences.
        </p>
      </>
    ),
  },
  mute: {
    verb: 'Mute',
    undo: 'Unmute',
    done: 'muted',
    undone: 'unmuted',
    list: 'Muted users',
    listPath: 'muted',
    explain: (name) => (
      <>
        <p>
          Once muted, the works, bookmarks and comments of <strong>{name}</strong> disappear from everything you see
          here: every listing, search and tag page, and the counts beside them. Their anonymous works stay, since hiding
          them would tell you who wrote them.
        </p>
        <p>
          They are not told, and they can still comment on your works; block them to stop that. You can unmute them at
          any time from your preferences.
        </p>
      </>
    ),
  },
};

/** A button that takes someone off a list, then returns to `returnTo`. */
export function UndoButton(props: { kind: BlockOrMute; username: string; returnTo: string }) {
  const words = WORDS[props.kind];
  return (
    <form method="post" action={`${userPath(props.username)}/${words.undo.toLowerCase()}`} class="inline-form">
      <input type="hidden" name="return_to" value={props.returnTo} />
      <button type="submit" class="secondary">
        {words.undo}
        <span class="visually-hidden"> {props.username}</span>
      </button>
    </form>
  );
}

/**
 * The profile's block and mute buttons, for a logged-in viewer who is not this user: Block and Mute lead to the
 * page that asks first; Unblock and Unmute act at once. `state` is null for a guest or the user themselves.
 */
export function BlockingButtons(props: {
  viewer: Pick<Viewer, 'id'> | null;
  user: BlockTarget & { username: string };
  state: Record<BlockOrMute, boolean> | null;
}) {
  const { state, user, viewer } = props;
  if (!state) return null;
  return (
    <div class="actions blocking-actions">
      {(['block', 'mute'] as const).map((kind) =>
        state[kind] ? (
          <UndoButton kind={kind} username={user.username} returnTo={userPath(user.username)} />
        ) : can(viewer, kind, user) ? (
          <a class="button secondary" href={`${userPath(user.username)}/${kind}`}>
            {WORDS[kind].verb}
          </a>
        ) : null,
      )}
      {state.mute ? <p class="hint">You muted {user.username}: their works are left out of your listings.</p> : null}
    </div>
  );
}

/** The page that asks before blocking or muting. */
export function ConfirmPage(props: { kind: BlockOrMute; username: string; already: boolean }) {
  const { kind, username } = props;
  const words = WORDS[kind];
  if (props.already) {
    return (
      <section class="confirm">
        <h1>
          You have {words.done} {username}
        </h1>
        {words.explain(username)}
        <div class="actions">
          <UndoButton kind={kind} username={username} returnTo={userPath(username)} />
          <a class="button secondary" href={userPath(username)}>
            Back to {username}
          </a>
        </div>
      </section>
    );
  }
  return (
    <section class="confirm">
      <h1>
        {words.verb} {username}?
      </h1>
      {words.explain(username)}
      <form method="post" action={`${userPath(username)}/${kind}`} class="actions">
        <button type="submit">
          Yes, {words.verb.toLowerCase()} {username}
        </button>
        <a class="button secondary" href={userPath(username)}>
          No, go back
        </a>
      </form>
    </section>
  );
}

/** The viewer's own list of blocked or muted people, one page of it. */
export function ListPage(props: {
  kind: BlockOrMute;
  ownerName: string;
  people: ListedPerson[];
  total: number;
  page: number;
  pageCount: number;
  max: number;
}) {
  const { kind, ownerName, people, total, page, pageCount } = props;
  const words = WORDS[kind];
  const basePath = `${userPath(ownerName)}/${words.listPath}`;
  const here = page > 1 ? `${basePath}?page=${page}` : basePath;
  return (
    <section class="blocking-list">
      <h1>{words.list}</h1>
      <p>
        {total === 0
          ? `You have not ${words.done} anyone.`
          : `You have ${words.done} ${total.toLocaleString('en-US')} of at most ${props.max.toLocaleString('en-US')} ${
              props.max === 1 ? 'person' : 'people'
            }.`}{' '}
        To {words.verb.toLowerCase()} someone, use the {words.verb} button on their profile. Only you see this list.
      </p>
      {people.length ? (
        <ul class="blocked-people">
          {people.map((person) => (
            <li>
              <a href={userPath(person.username)}>{person.username}</a>{' '}
              <span class="hint">since {person.since.slice(0, 10)}</span>{' '}
              <UndoButton kind={kind} username={person.username} returnTo={here} />
            </li>
          ))}
        </ul>
      ) : null}
      {pageCount > 1 ? (
        <nav aria-label="Pages">
          <ul class="pagination">
            <li>
              {page > 1 ? (
                <a rel="prev" href={page === 2 ? basePath : `${basePath}?page=${page - 1}`}>
                  ← Previous
                </a>
              ) : (
                <span class="disabled">← Previous</span>
              )}
            </li>
            <li aria-current="page">
              Page {page} of {pageCount}
            </li>
            <li>
              {page < pageCount ? (
                <a rel="next" href={`${basePath}?page=${page + 1}`}>
                  Next →
                </a>
              ) : (
                <span class="disabled">Next →</span>
              )}
            </li>
          </ul>
        </nav>
      ) : null}
      <p>
        <a href="/preferences">Back to your preferences</a>
      </p>
    </section>
  );
}
