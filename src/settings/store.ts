/**
 * The settings every process reads: a snapshot kept in memory, which a request takes as it is unless
 * `refreshMs` has passed since the last look, when one small query reads the settings version and the rows
 * are read again only if it moved. An admin's change made by another worker or machine so reaches this
 * process within `refreshMs` (a second by default) without a restart; the process that made the change
 * sees it at once (`invalidate`).
 */
import type { Db } from '../db/database.ts';
import { runCommand, type Actor } from '../audit/run-command.ts';
import { DEFAULT_SITE_SETTINGS, type SettingsSource, type SiteSettings } from '../web/site-settings.ts';
import { readSettingRows, readSettingsVersion, writeSettings } from './queries.ts';

export const DEFAULT_REFRESH_MS = 1000;

export function settingsOf(rows: Array<{ name: string; value: string }>): SiteSettings {
  const settings: Record<string, unknown> = { ...DEFAULT_SITE_SETTINGS };
  for (const row of rows) {
    // A setting this code no longer knows is left out; a row that is not JSON keeps the default.
    if (!(row.name in DEFAULT_SITE_SETTINGS)) continue;
    try {
      settings[row.name] = JSON.parse(row.value);
    } catch {
      /* keeps the default */
    }
  }
  return settings as unknown as SiteSettings;
}

export class SettingsStore implements SettingsSource {
  private snapshot: SiteSettings = DEFAULT_SITE_SETTINGS;
  private version = -1;
  private checkedAt = 0;
  private pending: Promise<SiteSettings> | null = null;

  constructor(
    private readonly db: Db,
    private readonly refreshMs = DEFAULT_REFRESH_MS,
  ) {}

  /** The settings, looked up again when `refreshMs` has passed; concurrent requests share one look. */
  current(now = Date.now()): Promise<SiteSettings> {
    if (this.version >= 0 && now - this.checkedAt < this.refreshMs) return Promise.resolve(this.snapshot);
    this.pending ??= this.refresh(now).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** The next request reads the database again. */
  invalidate(): void {
    this.checkedAt = 0;
    this.version = -1;
  }

  private async refresh(now: number): Promise<SiteSettings> {
    if (this.version < 0) {
      // Cold (a new process, or just invalidated): both reads at once. Started when the app is made
      // (src/server.ts), so the first request finds them loaded and a page's queries do not depend on
      // whether it was the first.
      const [version, rows] = await Promise.all([readSettingsVersion(this.db), readSettingRows(this.db)]);
      return this.keep(version, rows, now);
    }
    // The version first: a change landing between the two reads leaves rows newer than the version, and the
    // next look reloads them again — never the other way round, which could keep stale rows.
    const version = await readSettingsVersion(this.db);
    return this.keep(version, version === this.version ? null : await readSettingRows(this.db), now);
  }

  private keep(version: number, rows: Array<{ name: string; value: string }> | null, now: number): SiteSettings {
    if (rows) this.snapshot = Object.freeze(settingsOf(rows)) as SiteSettings;
    this.version = version;
    this.checkedAt = now;
    return this.snapshot;
  }
}

/** Saves the changed settings as one audited command (`settings.update`, before and after of what changed). */
export async function saveSettings(
  db: Db,
  store: SettingsSource,
  actor: Actor,
  changes: Partial<SiteSettings>,
): Promise<void> {
  await runCommand(db, { actor, action: 'settings.update', target: { type: 'settings', id: null } }, async (trx) => {
    const before = settingsOf(await readSettingRows(trx));
    const changed = Object.fromEntries(
      Object.entries(changes).filter(
        ([name, value]) => JSON.stringify(before[name as keyof SiteSettings]) !== JSON.stringify(value),
      ),
    );
    const names = Object.keys(changed) as Array<keyof SiteSettings>;
    if (names.length) await writeSettings(trx, changed, new Date());
    return {
      before: Object.fromEntries(names.map((name) => [name, before[name]])),
      after: changed,
      result: undefined,
    };
  });
  store.invalidate();
}
