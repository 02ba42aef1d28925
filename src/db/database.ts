/**
 * The composed database type: one interface per table, as both dialects
 * return them (times as ISO text, booleans as 0/1 integers).
 */
import type { Generated, Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { AuditLogTable } from '../audit/audit-log.table.ts';

type Flag = Generated<number>;

export interface UsersTable {
  id: Generated<number>;
  username: string;
  email: string;
  password_hash: string;
  is_admin: Flag;
  is_wrangler: Flag;
  is_moderator: Flag;
  skip_adult_notice: Flag;
  hide_warnings: Flag;
  hide_freeform: Flag;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
}

export interface PseudsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  description: Generated<string>;
  is_default: Flag;
  created_at: string;
}

export interface LanguagesTable {
  id: Generated<number>;
  code: string;
  name: string;
}

export type WorkStatus = 'draft' | 'posted';
export type CommentPermission = 'everyone' | 'registered' | 'none';

export interface WorksTable {
  id: Generated<number>;
  title: string;
  summary: Generated<string>;
  notes: Generated<string>;
  end_notes: Generated<string>;
  rating: string;
  language_id: number;
  status: Generated<WorkStatus>;
  expected_chapters: number | null;
  posted_chapters: Generated<number>;
  word_count: Generated<number>;
  is_complete: Flag;
  is_restricted: Flag;
  is_hidden: Flag;
  is_anonymous: Flag;
  is_unrevealed: Flag;
  comment_permission: Generated<CommentPermission>;
  moderated_comments: Flag;
  published_on: string | null;
  updated_on: string | null;
  completed_on: string | null;
  source_ref: string | null;
  imported_by_id: number | null;
  hits: Generated<number>;
  kudos_count: Generated<number>;
  comments_count: Generated<number>;
  bookmarks_count: Generated<number>;
  downloads_count: Generated<number>;
  created_at: string;
  revised_at: string;
  /** Set when the work is deleted; the row is purged 30 days later. */
  deleted_at: string | null;
}

export interface CreatorshipsTable {
  id: Generated<number>;
  work_id: number;
  pseud_id: number | null;
  external_name: string | null;
  position: Generated<number>;
  is_accepted: Flag;
}

export interface ChaptersTable {
  id: Generated<number>;
  work_id: number;
  position: number;
  title: Generated<string>;
  summary: Generated<string>;
  notes: Generated<string>;
  end_notes: Generated<string>;
  body: string;
  word_count: Generated<number>;
  is_posted: Flag;
  published_on: string | null;
  created_at: string;
  updated_at: string;
}

export type TagKind =
  'rating' | 'warning' | 'category' | 'media' | 'fandom' | 'relationship' | 'character' | 'freeform' | 'unsorted';

export interface TagsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  kind: TagKind;
  is_canonical: Flag;
  is_unwrangleable: Flag;
  synonym_of_id: number | null;
  created_at: string;
}

/** The work field a tag was typed into. */
export type TagField = 'warning' | 'category' | 'fandom' | 'relationship' | 'character' | 'freeform';

export interface TaggingsTable {
  work_id: number;
  tag_id: number;
  field: TagField;
  position: Generated<number>;
}

export interface MetaTaggingsTable {
  meta_tag_id: number;
  sub_tag_id: number;
}

export interface TagParentsTable {
  parent_id: number;
  child_id: number;
}

export interface FilterTaggingsTable {
  work_id: number;
  tag_id: number;
  is_inherited: Flag;
}

export interface SeriesTable {
  id: Generated<number>;
  title: string;
  summary: Generated<string>;
  notes: Generated<string>;
  is_complete: Flag;
  owner_id: number | null;
  created_at: string;
}

export interface SeriesWorksTable {
  series_id: number;
  work_id: number;
  position: number;
}

export type Relation = 'inspired_by' | 'remix' | 'translation' | 'sequel';

export interface RelatedWorksTable {
  id: Generated<number>;
  work_id: number;
  parent_work_id: number | null;
  parent_url: string | null;
  parent_title: Generated<string>;
  parent_creator: Generated<string>;
  relation: Relation;
  is_approved: Flag;
  /** The parent's creator removed the link from their work (migration 0006). */
  is_declined: Flag;
}

export interface GiftsTable {
  id: Generated<number>;
  work_id: number;
  recipient_pseud_id: number | null;
  recipient_name: string;
  is_refused: Flag;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  subject: string | null;
  /** JSON text. */
  payload: Generated<string>;
  status: Generated<JobStatus>;
  run_at: string;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  claimed_at: string | null;
  finished_at: string | null;
  /** Unique when set (migration 0011): a job every process queues for the same slot is queued once. */
  once_key: string | null;
}

export interface WranglingActionsTable {
  id: Generated<number>;
  tag_id: number;
  user_id: number | null;
  actor_name: string;
  action: string;
  before: Generated<string>;
  after: Generated<string>;
  created_at: string;
}

export interface WranglerFandomsTable {
  user_id: number;
  fandom_id: number;
  created_at: string;
}

/** Search facts of a work (migration 0004; written only by search/indexer.ts). */
export interface WorkSearchTable {
  work_id: number;
  title_sort: string;
  creator_sort: string;
  is_crossover: Flag;
  tag_count: Flag;
  indexed_at: string;
}

/** One row per committed change to a work that listings filter or sort on (migration 0007). */
export interface SearchChangesTable {
  id: Generated<number>;
  work_id: number;
  changed_at: string;
  /** 1 when only the work's kudos, comment, bookmark or hit counts changed (migration 0012). */
  counters_only: Flag;
}

export interface SavedFiltersTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** The canonical query string of the filters. */
  query: string;
  is_default: Flag;
  created_at: string;
}

export interface BlockedTagsTable {
  user_id: number;
  tag_id: number;
  created_at: string;
}

export interface BlockedCreatorsTable {
  user_id: number;
  pseud_id: number;
  created_at: string;
}

export interface BlockedWorksTable {
  user_id: number;
  work_id: number;
  created_at: string;
}

export interface BlocklistRulesTable {
  user_id: number;
  max_tags: number | null;
  stale_months: number | null;
  updated_at: string;
}

/** What a credential in api_tokens may do: API reads, API reads and writes, or reading the OPDS catalog (an app password). */
export type TokenScope = 'read' | 'write' | 'opds';

/** Personal API tokens and OPDS app passwords (migration 0005); only a hash of the secret is stored. */
export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  scope: TokenScope;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Emailed password reset links (migration 0006); only a hash of the token is stored. */
export interface PasswordResetsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface WorkHitsTable {
  work_id: number;
  visitor: string;
  day: string;
}

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
  related_works: RelatedWorksTable;
  gifts: GiftsTable;
  jobs: JobsTable;
  wrangling_actions: WranglingActionsTable;
  wrangler_fandoms: WranglerFandomsTable;
  work_search: WorkSearchTable;
  search_changes: SearchChangesTable;
  work_hits: WorkHitsTable;
  saved_filters: SavedFiltersTable;
  blocked_tags: BlockedTagsTable;
  blocked_creators: BlockedCreatorsTable;
  blocked_works: BlockedWorksTable;
  blocklist_rules: BlocklistRulesTable;
  api_tokens: ApiTokensTable;
  password_resets: PasswordResetsTable;
  audit_log: AuditLogTable;
}

export type Database = Kysely<Tables>;

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Pseud = Selectable<PseudsTable>;
export type Work = Selectable<WorksTable>;
export type NewWork = Insertable<WorksTable>;
export type WorkUpdate = Updateable<WorksTable>;
export type Chapter = Selectable<ChaptersTable>;
export type NewChapter = Insertable<ChaptersTable>;
export type Tag = Selectable<TagsTable>;
export type Series = Selectable<SeriesTable>;
export type Language = Selectable<LanguagesTable>;
export type Job = Selectable<JobsTable>;
export type WranglingAction = Selectable<WranglingActionsTable>;
export type ApiToken = Selectable<ApiTokensTable>;
export type PasswordReset = Selectable<PasswordResetsTable>;
