/** KOReader progress sync tables (migration 0024). */
export interface KoreaderKeysTable {
  token_id: number;
  /** SHA-256 of md5(app password): what KOReader sends as x-auth-key, hashed again. */
  key_hash: string;
}

export interface KoreaderDocumentsTable {
  /** The hash KOReader names the file by. */
  document: string;
  work_id: number;
  revised_at: string;
  /** 'binary' (partial MD5 of the EPUB) or 'filename' (md5 of the download's file name). */
  kind: 'binary' | 'filename';
}

export interface KoreaderProgressTable {
  user_id: number;
  work_id: number;
  document: string;
  progress: string;
  percentage: number;
  /** The chapter the xpointer falls in (1-based), null on the preface or afterword page. */
  chapter_number: number | null;
  device: string;
  device_id: string;
  updated_at: string;
}
