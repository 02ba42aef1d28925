/** The account tables: people, the pseuds they post under, their sessions, API tokens and password reset links. */
import type { Generated, Insertable, Selectable } from 'kysely';

/** A boolean column: 0 or 1 on both dialects. */
type Flag = Generated<number>;

export interface UsersTable {
  id: Generated<number>;
  username: string;
  email: string;
  password_hash: string;
  is_admin: Flag;
  is_wrangler: Flag;
  is_moderator: Flag;
  /** Moderation (migration 0031): the support role, a suspension until a date, a ban, the spammer mark. */
  is_support: Flag;
  suspended_until: string | null;
  suspension_reason: string | null;
  banned_at: string | null;
  ban_reason: string | null;
  is_spammer: Flag;
  skip_adult_notice: Flag;
  hide_warnings: Flag;
  hide_freeform: Flag;
  /** Feedback preferences (migration 0013), by AO3's names. */
  comment_emails_off: Flag;
  kudos_emails_off: Flag;
  comment_copies_off: Flag;
  guest_replies_off: Flag;
  created_at: string;
  /** The Terms of Service version last accepted (migration 0034; 0: none). */
  tos_version: Generated<number>;
  /** Null until the account confirms its email address (migration 0037); until then it reads but does not post. */
  email_confirmed_at: string | null;
  /** When the username last changed: it changes at most once a week. */
  username_changed_at: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
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

/** Keys the archive made for itself, by name (migration 0016): `mail-links` signs one-click mail preference links. */
export interface ArchiveSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export type User = Selectable<UsersTable>;

export type NewUser = Insertable<UsersTable>;

export type ApiToken = Selectable<ApiTokensTable>;

export type PasswordReset = Selectable<PasswordResetsTable>;

export interface PseudsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  description: Generated<string>;
  is_default: Flag;
  created_at: string;
  /** The icon's file name under the data folder's `pseud-icons/` (migration 0052), or null for none. */
  icon_file: string | null;
  /** The icon's alt text (required with an icon; null without one). */
  icon_alt: string | null;
}

export type Pseud = Selectable<PseudsTable>;

/** Emailed links confirming an address (migration 0037): a new account's, or an email change's new one. */
export interface EmailConfirmationsTable {
  id: Generated<number>;
  user_id: number;
  email: string;
  /** Set when the link is mailed; only a hash of its token. */
  token_hash: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A renamed account's old names (lower-cased), redirected and held from others for a while. */
export interface FormerUsernamesTable {
  id: Generated<number>;
  name_key: string;
  user_id: number;
  changed_at: string;
}
