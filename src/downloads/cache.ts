/**
 * Generated download files kept on disk, one per work version and format,
 * under QUIRE_DATA_DIR/cache/downloads/<work id>/: a popular work is built
 * once, and an edit (which moves the work's revised_at) makes a new version
 * whose first download rebuilds the file and clears the old ones. Files are
 * written under a temporary name and renamed, so a reader never gets half a
 * file; two requests for the same missing file share one build.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DownloadFormat } from './formats.ts';

/** Bump when a builder changes its output, so cached files from older code are rebuilt. */
export const BUILDERS_VERSION = 1;

export interface CacheEntry {
  workId: number;
  /** What the file depends on besides the work: its revised_at and the archive's name and address. */
  versionParts: string[];
  format: DownloadFormat;
}

export class DownloadCache {
  private readonly building = new Map<string, Promise<string>>();

  constructor(readonly dir: string) {}

  private workDir(workId: number): string {
    return path.join(this.dir, String(workId));
  }

  private version(entry: CacheEntry): string {
    const hash = crypto.createHash('sha256').update(JSON.stringify([BUILDERS_VERSION, ...entry.versionParts]));
    return hash.digest('hex').slice(0, 20);
  }

  /** Where the file for this entry lives (whether or not it has been built). */
  pathOf(entry: CacheEntry): string {
    return path.join(this.workDir(entry.workId), `${this.version(entry)}.${entry.format}`);
  }

  async has(entry: CacheEntry): Promise<boolean> {
    try {
      await fs.access(this.pathOf(entry));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The cached file's path, building it first when missing. `build` writes
   * the file at the temporary path it is given (its extension is the format's).
   */
  async getOrBuild(entry: CacheEntry, build: (target: string) => Promise<void>): Promise<string> {
    const target = this.pathOf(entry);
    if (await this.has(entry)) return target;
    const pending = this.building.get(target);
    if (pending) return pending;
    const promise = this.build(entry, target, build).finally(() => this.building.delete(target));
    this.building.set(target, promise);
    return promise;
  }

  private async build(entry: CacheEntry, target: string, build: (target: string) => Promise<void>): Promise<string> {
    const dir = this.workDir(entry.workId);
    await fs.mkdir(dir, { recursive: true });
    const temporary = path.join(dir, `.${crypto.randomBytes(6).toString('hex')}.tmp.${entry.format}`);
    try {
      await build(temporary);
      await fs.rename(temporary, target);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
    await this.removeOtherVersions(entry);
    return target;
  }

  /** Files of earlier versions of the work will never be served again. */
  private async removeOtherVersions(entry: CacheEntry): Promise<void> {
    const current = this.version(entry);
    const dir = this.workDir(entry.workId);
    for (const name of await fs.readdir(dir)) {
      // Temporary files belong to builds still running; each cleans up its own.
      if (name.startsWith('.') || name.startsWith(`${current}.`)) continue;
      await fs.rm(path.join(dir, name), { force: true });
    }
  }

  /** Removes every file of a deleted work. */
  async forget(workId: number): Promise<void> {
    await fs.rm(this.workDir(workId), { recursive: true, force: true });
  }

  /** Writes bytes as a build step: `cache.getOrBuild(entry, (to) => cache.write(to, bytes))`. */
  static async write(target: string, data: Uint8Array | string): Promise<void> {
    await fs.writeFile(target, data);
  }
}
