/** Two-factor sign-in (migration 0035): a person's TOTP secret and their hashed one-time recovery codes. */
import type { Generated } from 'kysely';

export interface TwoFactorTable {
  user_id: number;
  /** Base32, as authenticator apps take it. */
  secret: string;
  /** Null while the first code is not yet confirmed. */
  enabled_at: string | null;
  /** The last TOTP time step accepted: a code is never taken twice. */
  last_step: Generated<number>;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: string | null;
}
