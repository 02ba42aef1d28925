/** A member's data exports (migration 0050): one row per "Export my data" request. */
import type { Generated, Selectable } from 'kysely';

export type DataExportStatus = 'preparing' | 'ready' | 'failed';

export interface DataExportsTable {
  id: Generated<number>;
  user_id: number;
  status: Generated<DataExportStatus>;
  /** The zip's name under `<dataDir>/exports/`, once ready. */
  file_name: string | null;
  size_bytes: Generated<number>;
  requested_at: string;
  ready_at: string | null;
  /** When the link stops working and the file is removed (a day after it was ready). */
  expires_at: string | null;
  /** Why it could not be made, when it failed. */
  error: string | null;
}

export type DataExport = Selectable<DataExportsTable>;
