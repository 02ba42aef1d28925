/**
 * The composed database type. Each domain keeps its tables' types beside it
 * (`*.table.ts`); this file only puts them together, and names the handle
 * every query takes: `Db`.
 */
import type { Kysely } from 'kysely';
import type {
  UsersTable,
  SessionsTable,
  ApiTokensTable,
  PasswordResetsTable,
  PseudsTable,
  ArchiveSecretsTable,
  EmailConfirmationsTable,
  FormerUsernamesTable,
} from '../accounts/accounts.table.ts';
import type { AuditLogTable } from '../audit/audit-log.table.ts';
import type { UserBlocksTable, UserMutesTable } from '../blocking/blocking.table.ts';
import type { CommentsTable, InboxItemsTable } from '../comments/comments.table.ts';
import type {
  CollectionsTable,
  CollectionParticipantsTable,
  CollectionItemsTable,
} from '../collections/collections.table.ts';
import type { KudosTable } from '../kudos/kudos.table.ts';
import type { KoreaderDocumentsTable, KoreaderKeysTable, KoreaderProgressTable } from '../koreader/koreader.table.ts';
import type { ChaptersTable } from '../works/chapters.table.ts';
import type { JobsTable } from '../jobs/jobs.table.ts';
import type {
  BlockedTagsTable,
  BlockedCreatorsTable,
  BlockedWorksTable,
  BlocklistRulesTable,
} from '../search/blocklist/blocklist.table.ts';
import type { SavedFiltersTable } from '../search/saved-filters/saved-filters.table.ts';
import type { FilterTaggingsTable, WorkSearchTable, SearchChangesTable } from '../indexing/indexing.table.ts';
import type { BookmarksTable, BookmarkTagsTable } from '../bookmarks/bookmarks.table.ts';
import type { BookmarkListItemsTable, BookmarkListsTable } from '../bookmarks/bookmarks.table.ts';
import type { ExternalWorksTable, ExternalWorkTagsTable } from '../bookmarks/bookmarks.table.ts';
import type { SeriesCreatorsTable } from '../series/series-creators.table.ts';
import type { ReadingsTable, ReadingSettingsTable } from '../readings/readings.table.ts';
import type {
  SubscriptionsTable,
  SubscriptionUpdatesTable,
  SubscriptionReadersTable,
  SubscriptionSentTable,
} from '../subscriptions/subscriptions.table.ts';
import type { TagsTable, TaggingsTable, MetaTaggingsTable, TagParentsTable } from '../tags/tags.table.ts';
import type { SeriesTable, SeriesWorksTable } from '../works/series.table.ts';
import type {
  LanguagesTable,
  WorksTable,
  CreatorshipsTable,
  RelatedWorksTable,
  GiftsTable,
  WorkHitsTable,
} from '../works/works.table.ts';
import type { ReportsTable } from '../reports/reports.table.ts';
import type { UserNotesTable } from '../moderation/moderation.table.ts';
import type { RateLimitsTable } from '../web/rate-limits.table.ts';
import type { PageChangesTable } from '../pagecache/pagecache.table.ts';
import type {
  TagSetsTable,
  TagSetMaintainersTable,
  TagSetTagsTable,
  TagSetAssociationsTable,
  TagSetNominationsTable,
} from '../tag-sets/tag-sets.table.ts';
import type { WranglingActionsTable, WranglerFandomsTable } from '../wrangling/wrangling.table.ts';
import type { SiteSettingsTable, SiteSettingsVersionTable } from '../settings/settings.table.ts';
import type { InvitationsTable, InviteRequestsTable } from '../invitations/invitations.table.ts';
import type { TwoFactorTable, RecoveryCodesTable } from '../accounts/two-factor/two-factor.table.ts';
import type { AdminPostsTable, AdminPostCommentsTable } from '../news/news.table.ts';
import type { DataExportsTable } from '../data-export/data-exports.table.ts';

export interface Tables {
  users: UsersTable;
  sessions: SessionsTable;
  pseuds: PseudsTable;
  languages: LanguagesTable;
  works: WorksTable;
  creatorships: CreatorshipsTable;
  chapters: ChaptersTable;
  tags: TagsTable;
  taggings: TaggingsTable;
  meta_taggings: MetaTaggingsTable;
  tag_parents: TagParentsTable;
  filter_taggings: FilterTaggingsTable;
  series: SeriesTable;
  series_works: SeriesWorksTable;
  series_creators: SeriesCreatorsTable;
  bookmarks: BookmarksTable;
  bookmark_tags: BookmarkTagsTable;
  external_works: ExternalWorksTable;
  external_work_tags: ExternalWorkTagsTable;
  bookmark_lists: BookmarkListsTable;
  bookmark_list_items: BookmarkListItemsTable;
  related_works: RelatedWorksTable;
  gifts: GiftsTable;
  jobs: JobsTable;
  rate_limits: RateLimitsTable;
  wrangling_actions: WranglingActionsTable;
  wrangler_fandoms: WranglerFandomsTable;
  work_search: WorkSearchTable;
  search_changes: SearchChangesTable;
  page_changes: PageChangesTable;
  work_hits: WorkHitsTable;
  saved_filters: SavedFiltersTable;
  blocked_tags: BlockedTagsTable;
  blocked_creators: BlockedCreatorsTable;
  blocked_works: BlockedWorksTable;
  blocklist_rules: BlocklistRulesTable;
  api_tokens: ApiTokensTable;
  password_resets: PasswordResetsTable;
  audit_log: AuditLogTable;
  kudos: KudosTable;
  comments: CommentsTable;
  inbox_items: InboxItemsTable;
  user_blocks: UserBlocksTable;
  user_mutes: UserMutesTable;
  archive_secrets: ArchiveSecretsTable;
  koreader_keys: KoreaderKeysTable;
  koreader_documents: KoreaderDocumentsTable;
  koreader_progress: KoreaderProgressTable;
  subscriptions: SubscriptionsTable;
  subscription_updates: SubscriptionUpdatesTable;
  subscription_readers: SubscriptionReadersTable;
  subscription_sent: SubscriptionSentTable;
  reports: ReportsTable;
  user_notes: UserNotesTable;
  site_settings: SiteSettingsTable;
  site_settings_version: SiteSettingsVersionTable;
  invitations: InvitationsTable;
  invite_requests: InviteRequestsTable;
  two_factor: TwoFactorTable;
  recovery_codes: RecoveryCodesTable;
  admin_posts: AdminPostsTable;
  admin_post_comments: AdminPostCommentsTable;
  data_exports: DataExportsTable;
  readings: ReadingsTable;
  reading_settings: ReadingSettingsTable;
  collections: CollectionsTable;
  collection_participants: CollectionParticipantsTable;
  collection_items: CollectionItemsTable;
  email_confirmations: EmailConfirmationsTable;
  former_usernames: FormerUsernamesTable;
  tag_sets: TagSetsTable;
  tag_set_maintainers: TagSetMaintainersTable;
  tag_set_tags: TagSetTagsTable;
  tag_set_associations: TagSetAssociationsTable;
  tag_set_nominations: TagSetNominationsTable;
}

/** The database handle (or a transaction) every query takes. */
export type Db = Kysely<Tables>;
