/** The archive's settings (migration 0034): one row per setting, and the version every process checks. */
export interface SiteSettingsTable {
  name: string;
  /** The value as JSON. */
  value: string;
  updated_at: string;
}

export interface SiteSettingsVersionTable {
  id: number;
  version: number;
}
