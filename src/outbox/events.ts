/**
 * The outbox's events: each type a domain fact said in the past tense, with
 * the payload its listeners get. A domain command records one with
 * `recordEvent` (outbox.ts) in its own transaction. Adding an event type is
 * adding a line here.
 */
export interface OutboxEvents {
  /** A work became visible: posted at once, or a draft posted. */
  'work.posted': { workId: number };
  /** A new chapter of a posted work became visible. */
  'chapter.posted': { workId: number; chapterId: number };
  /** These pseuds can now see this work given to them (they have not been told before). */
  'gift.given': { workId: number; pseudIds: number[] };
  /** This posted work now links to these works, whose creators are asked to approve the link. */
  'related-work.linked': { workId: number; parentWorkIds: number[] };
  /** Someone asked for a password reset link for this account (the link is made when it is mailed). */
  'password-reset.requested': { userId: number };
  /** A work was deleted (its row waits 30 days for the purge); what was kept of it elsewhere can go. */
  'work.deleted': { workId: number };
  /** A deleted work's row was purged for good. */
  'work.purged': { workId: number };
  /** A comment was posted: published at once, or held for a creator's approval (its `state` says which). */
  'comment.posted': { commentId: number };
  /** A held comment was approved by a creator and is now seen by everyone who may read the work. */
  'comment.approved': { commentId: number };
  /** A moderator resolved these reports: each reporter is told the outcome, never who acted. */
  'report.resolved': { reportIds: number[] };
  /** These works stopped being Mystery Works (a collection's reveal): what was held back about them can be told. */
  'works.revealed': { workIds: number[] };
  /** A collection's maintainer invited this work: its creators are asked to accept or decline. */
  'collection.invited': { collectionId: number; workId: number };
  /** An address waits for its confirmation link (a new account's, or an email change's new one). */
  'email-confirmation.requested': { confirmationId: number };
  /** Pseud icon files nothing uses any more (replaced, removed, or their pseud or account deleted). */
  'pseud-icons.dropped': { files: string[] };
}

export type EventType = keyof OutboxEvents;

/** Every event type, so an event nobody listens to yet is still known (and done), not a failed job. */
export const EVENT_TYPES: readonly EventType[] = [
  'work.posted',
  'chapter.posted',
  'gift.given',
  'related-work.linked',
  'password-reset.requested',
  'comment.posted',
  'comment.approved',
  'work.deleted',
  'work.purged',
  'report.resolved',
  'works.revealed',
  'collection.invited',
  'email-confirmation.requested',
  'pseud-icons.dropped',
];
