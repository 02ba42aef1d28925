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
import { readSettingRows, readSettingsSnapshot, readSettingsVersion, writeSettings } from './queries.ts';

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
  /** Moves on at each `invalidate`: a look begun before it must not keep what it read. */
  private generation = 0;

  constructor(
    private readonly db: Db,
    private readonly refreshMs = DEFAULT_REFRESH_MS,
  ) {}

  /** The settings, looked up again when `refreshMs` has passed; concurrent requests share one look. */
  current(now = Date.now()): Promise<SiteSettings> {
    if (this.version >= 0 && now - this.checkedAt < this.refreshMs) return Promise.resolve(this.snapshot);
    if (this.pending) return this.pending;
    const look = this.refresh(now).finally(() => {
      if (this.pending === look) this.pending = null;
    });
    this.pending = look;
    return look;
  }

  /** The next request reads the database again. */
  invalidate(): void {
    this.generation += 1;
    this.checkedAt = 0;
    this.version = -1;
    this.pending = null;
  }

  private async refresh(now: number): Promise<SiteSettings> {
    const generation = this.generation;
    if (this.version < 0) {
      // Cold (a new process, or just invalidated): the version and the rows in one statement. Started when
      // the app is made (src/server.ts), so the first request finds them loaded and a page's queries do not
      // depend on whether it was the first.
      const { version, rows } = await readSettingsSnapshot(this.db);
      return this.keep(generation, version, rows, now);
    }
    // The version first: a change landing between the two reads leaves rows newer than the version, and the
    // next look reloads them again — never the other way round, which could keep stale rows.
    const version = await readSettingsVersion(this.db);
    return this.keep(generation, version, version === this.version ? null : await readSettingRows(this.db), now);
  }

  private keep(
    generation: number,
    version: number,
    rows: Array<{ name: string; value: string }> | null,
    now: number,
  ): SiteSettings {
    const settings = rows ? (Object.freeze(settingsOf(rows)) as SiteSettings) : this.snapshot;
    // Invalidated while this look was under way (a save in this process): answer with what was read, but
    // keep nothing, so the next request reads the settings again.
    if (generation !== this.generation) return settings;
    this.snapshot = settings;
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
