/**
 * How creators and gift recipients appear on work pages and blurbs: a pseud
 * links to its user (or pseud) page and names its user when the two differ,
 * as fans expect ("Lark (wrenfield)"); an imported creator is plain text.
 */
import type { CreatorRef, GiftRef } from './work-parts-queries.ts';
import { ORPHAN_USERNAME } from '../accounts/orphan-account.ts';
import { PseudIcon } from '../accounts/pseud-icon.tsx';

export function userPath(username: string): string {
  return `/users/${encodeURIComponent(username)}`;
}

export function pseudWorksPath(username: string, pseudName: string): string {
  return `${userPath(username)}/pseuds/${encodeURIComponent(pseudName)}/works`;
}

/** A user's default pseud shares their name, so it links to the user's page. */
export function creatorPath(creator: CreatorRef): string | null {
  if (!creator.username) return null;
  return creator.name === creator.username
    ? userPath(creator.username)
    : pseudWorksPath(creator.username, creator.name);
}

export function creatorLabel(creator: CreatorRef): string {
  // An orphaned work that kept its writer's pseud: "orphan_account (NAME)", the account first.
  if (creator.username === ORPHAN_USERNAME && creator.name !== ORPHAN_USERNAME)
    return `${ORPHAN_USERNAME} (${creator.name})`;
  return creator.username && creator.name !== creator.username ? `${creator.name} (${creator.username})` : creator.name;
}

function CreatorLink({ creator, withIcon }: { creator: CreatorRef; withIcon?: boolean }) {
  const href = creatorPath(creator);
  return href ? (
    <a rel="author" href={href}>
      {withIcon && creator.icon ? <PseudIcon pseud={creator.icon} small /> : null}
      {creatorLabel(creator)}
    </a>
  ) : (
    <span class="external-creator">{creatorLabel(creator)}</span>
  );
}

/** "Lark (wrenfield), Tamsin" — or "Anonymous" for an anonymous work; `withIcons` (the work page) adds pseud icons. */
export function CreatorLinks({
  creators,
  anonymous,
  withIcons,
}: {
  creators: CreatorRef[];
  anonymous?: boolean;
  withIcons?: boolean;
}) {
  if (anonymous) return <span>Anonymous</span>;
  if (!creators.length) return <span>Orphaned work</span>;
  return (
    <>
      {creators.map((creator, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <CreatorLink creator={creator} withIcon={withIcons} />
        </>
      ))}
    </>
  );
}

export function GiftRecipients({ gifts }: { gifts: GiftRef[] }) {
  return (
    <>
      {gifts.map((gift, i) => (
        <>
          {i > 0 ? ', ' : ''}
          {gift.recipient?.username ? (
            <a href={creatorPath(gift.recipient) ?? '#'}>{gift.recipientName}</a>
          ) : (
            gift.recipientName
          )}
        </>
      ))}
    </>
  );
}
