/** `/users/:name/subscriptions`: what a member follows, each with Unsubscribe, and how often their mail comes. */
import { tagPath } from '../tags/names.ts';
import type { ListedSubscription } from './queries.ts';
import type { SubscriptionFrequency } from './subscriptions.table.ts';

const KIND_LABELS = { work: 'Work', series: 'Series', creator: 'Creator', tag: 'Tag', filter: 'Saved filter' } as const;

const FREQUENCIES: Array<{ value: SubscriptionFrequency; label: string }> = [
  { value: 'hourly', label: 'Every hour' },
  { value: 'daily', label: 'Once a day' },
  { value: 'off', label: 'No mail' },
];

function targetPath(s: ListedSubscription): string {
  if (s.kind === 'work') return `/works/${s.targetId}`;
  if (s.kind === 'series') return `/series/${s.targetId}`;
  if (s.kind === 'tag') return tagPath(s.name);
  if (s.kind === 'filter') return '/saved-filters';
  return `/users/${encodeURIComponent(s.name)}`;
}

export function SubscriptionsPage(props: {
  username: string;
  subscriptions: ListedSubscription[];
  frequency: SubscriptionFrequency;
  feedUrl: string;
}) {
  const self = `/users/${encodeURIComponent(props.username)}/subscriptions`;
  return (
    <section class="subscriptions">
      <h1>Subscriptions</h1>
      {props.subscriptions.length ? (
        <ul class="subscription-list">
          {props.subscriptions.map((s) => (
            <li>
              <span class="subscription-kind">{KIND_LABELS[s.kind]}:</span> <a href={targetPath(s)}>{s.name}</a>{' '}
              <form method="post" action={`/subscriptions/${s.id}/delete`} class="inline-form">
                <input type="hidden" name="return_to" value={self} />
                <button type="submit">Unsubscribe</button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>You have no subscriptions yet. Subscribe from a work, a series or a creator's page.</p>
      )}
      <h2>Notice mail</h2>
      <form method="post" action={`${self}/mail`}>
        <fieldset>
          <legend>How often to mail you what is new</legend>
          {FREQUENCIES.map((f) => (
            <label>
              <input type="radio" name="frequency" value={f.value} checked={f.value === props.frequency} /> {f.label}
            </label>
          ))}
        </fieldset>
        <button type="submit">Save</button>
      </form>
      <h2>Feed</h2>
      <p>
        Your subscriptions as an Atom feed, for a feed reader. Keep the address to yourself: anyone who has it can read
        it.
      </p>
      <p>
        <a class="subscription-feed" href={props.feedUrl}>
          {props.feedUrl}
        </a>
      </p>
      <form method="post" action={`${self}/feed-address`}>
        <button type="submit">Make a new address</button>
      </form>
    </section>
  );
}
