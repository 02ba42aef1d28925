/**
 * Applies the append-only migrations in `migrations/`, in name order (one numbered below a migration already
 * applied — work from a branch that landed later — still runs), on
 * either dialect. Runs at start-up and from `quire migrate`.
 */
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import * as foundation from './migrations/0001-foundation.ts';
import * as fixedVocabulary from './migrations/0002-fixed-vocabulary.ts';
import * as wrangling from './migrations/0003-wrangling.ts';
import * as search from './migrations/0004-search.ts';
import * as apiTokens from './migrations/0005-api-tokens.ts';
import * as passwordResets from './migrations/0006-password-resets.ts';
import * as searchChanges from './migrations/0007-search-changes.ts';
import * as workHits from './migrations/0008-work-hits.ts';
import * as searchAllText from './migrations/0009-search-all-text.ts';
import * as workDeletedAt from './migrations/0010-work-deleted-at.ts';
import * as outboxAuditLog from './migrations/0011-outbox-audit-log.ts';
import * as counterChanges from './migrations/0012-counter-changes.ts';
import * as feedback from './migrations/0013-feedback.ts';
import * as inboxMailLinks from './migrations/0016-inbox-mail-links.ts';
import * as seriesCreators from './migrations/0019-series-creators.ts';
import * as readings from './migrations/0023-readings.ts';
import * as koreader from './migrations/0024-koreader.ts';
import * as rateLimits from './migrations/0027-rate-limits.ts';
import * as pageChanges from './migrations/0040-page-changes.ts';
import * as pageChangeSources from './migrations/0042-page-change-sources.ts';
import * as subscriptions from './migrations/0022-subscriptions.ts';
import * as bookmarks from './migrations/0021-bookmarks.ts';
import * as moderation from './migrations/0031-moderation.ts';
import * as bookmarkItems from './migrations/0029-bookmark-items.ts';
import * as bookmarkLists from './migrations/0030-bookmark-lists.ts';
import * as siteSettings from './migrations/0034-site-settings.ts';
import * as twoFactor from './migrations/0035-two-factor.ts';
import * as adminPosts from './migrations/0036-admin-posts.ts';
import * as collections from './migrations/0044-collections.ts';
import * as accountChanges from './migrations/0037-account-changes.ts';
import * as tagSets from './migrations/0048-tag-sets.ts';
import * as tagSetNominations from './migrations/0049-tag-set-nominations.ts';
import * as heldInSearchChanges from './migrations/0064-held-in-search-changes.ts';
import * as collectionListingIndexes from './migrations/0058-collection-listing-indexes.ts';
import * as collectionItemVersions from './migrations/0059-collection-item-versions.ts';
import * as moderationRest from './migrations/0047-moderation-rest.ts';
import * as collectionPageSources from './migrations/0056-collection-page-sources.ts';
import * as dataExports from './migrations/0050-data-exports.ts';
import * as pseudIcons from './migrations/0052-pseud-icons.ts';
import * as newsComments from './migrations/0054-news-comments.ts';
import * as pseudIconPageChanges from './migrations/0053-pseud-icon-page-changes.ts';
import * as inboxNotices from './migrations/0055-inbox-notices.ts';
import * as promptMemes from './migrations/0066-prompt-memes.ts';
import * as bookmarkListingIndexes from './migrations/0062-bookmark-listing-indexes.ts';
import * as worksListingFacts from './migrations/0063-works-listing-facts.ts';
import * as pageChangeCollections from './migrations/0060-page-change-collections.ts';

import * as collectionIcons from './migrations/0070-collection-icons.ts';
// Listed here rather than read from disk so the same code runs under tsx, vitest and a bundle.
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-fixed-vocabulary': fixedVocabulary,
  '0003-wrangling': wrangling,
  '0004-search': search,
  '0005-api-tokens': apiTokens,
  '0006-password-resets': passwordResets,
  '0007-search-changes': searchChanges,
  '0008-work-hits': workHits,
  '0009-search-all-text': searchAllText,
  '0010-work-deleted-at': workDeletedAt,
  '0011-outbox-audit-log': outboxAuditLog,
  '0012-counter-changes': counterChanges,
  '0013-feedback': feedback,
  '0016-inbox-mail-links': inboxMailLinks,
  '0019-series-creators': seriesCreators,
  '0024-koreader': koreader,
  '0027-rate-limits': rateLimits,
  '0022-subscriptions': subscriptions,
  '0021-bookmarks': bookmarks,
  '0040-page-changes': pageChanges,
  '0042-page-change-sources': pageChangeSources,
  '0031-moderation': moderation,
  '0029-bookmark-items': bookmarkItems,
  '0030-bookmark-lists': bookmarkLists,
  '0034-site-settings': siteSettings,
  '0035-two-factor': twoFactor,
  '0036-admin-posts': adminPosts,
  '0023-readings': readings,
  '0044-collections': collections,
  '0037-account-changes': accountChanges,
  '0048-tag-sets': tagSets,
  '0049-tag-set-nominations': tagSetNominations,
  '0064-held-in-search-changes': heldInSearchChanges,
  '0047-moderation-rest': moderationRest,
  '0056-collection-page-sources': collectionPageSources,
  '0050-data-exports': dataExports,
  '0052-pseud-icons': pseudIcons,
  '0054-news-comments': newsComments,
  '0053-pseud-icon-page-changes': pseudIconPageChanges,
  '0055-inbox-notices': inboxNotices,
  '0058-collection-listing-indexes': collectionListingIndexes,
  '0066-prompt-memes': promptMemes,
  '0062-bookmark-listing-indexes': bookmarkListingIndexes,
  '0063-works-listing-facts': worksListingFacts,
  '0059-collection-item-versions': collectionItemVersions,
  '0060-page-change-collections': pageChangeCollections,
  '0070-collection-icons': collectionIcons,
};

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return result;
}

/**
 * The migrations this code knows that the database has not applied (empty when current). Read-only: the
 * readiness check and `quire doctor` ask it without migrating.
 */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
