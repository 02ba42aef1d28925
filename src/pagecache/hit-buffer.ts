/**
 * Hits of guests answered from the page cache, written a moment later: a
 * cached page takes no database write, so a thousand readers a second of one
 * work cost one small write a second. Each visitor counts once a day however
 * often they come (recordHit's primary key decides, as for pages rendered).
 */
import type { Db } from '../db/database.ts';
import { recordHit, visitorKey } from '../works/hits-queries.ts';

const FLUSH_MS = 1_000;
/** Visitors remembered as counted today, so a returning reader writes nothing. */
const REMEMBERED = 200_000;

export class HitBuffer {
  private pending = new Map<string, { workId: number; visitor: string }>();
  private counted = new Set<string>();
  private day = '';
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  add(workId: number, address: string, userAgent: string): void {
    const today = new Date().toISOString().slice(0, 10);
    if (today !== this.day) {
      this.day = today;
      this.counted.clear();
    }
    // Keyed by what the visitor key is made of: a returning reader costs no hash.
    const key = `${workId}\n${address}\n${userAgent}`;
    if (this.counted.has(key) || this.pending.has(key)) return;
    this.pending.set(key, { workId, visitor: visitorKey(null, address, userAgent) });
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
  }

  /** Writes the hits waiting; tests and shutdown call it, the timer otherwise. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flushing;
    const batch = [...this.pending];
    this.pending = new Map();
    this.flushing = (async () => {
      for (const [key, { workId, visitor }] of batch) {
        await recordHit(this.db, workId, visitor).catch(() => false);
        if (this.counted.size >= REMEMBERED) this.counted.clear();
        this.counted.add(key);
      }
    })();
    await this.flushing;
  }
}
