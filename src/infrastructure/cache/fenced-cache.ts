export interface FencedCacheOptions {
  /** Least recently used entries go beyond this many. */
  maxEntries: number;
  /** A backstop only: entries are invalidated when their source changes, not by age. */
  ttlMs: number;
  now?: () => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/** Opaque proof that a fill began; null when the cache takes no fills at the moment. */
export type FillToken = number | null;

/**
 * An in-process LRU cache of read-side rows that never serves a row older than the last change
 * it has been told of:
 * - `invalidate(key)` drops the entry and fences off fills already under way for that key, so a
 *   read of the database that started before the change cannot put the old row back;
 * - while its invalidation feed is interrupted (`suspend`) it serves and keeps nothing, and it
 *   starts empty when the feed resumes (`resume`), since it cannot know what it missed;
 * - after a read-your-writes wait for position P (`requirePosition`), it serves nothing until
 *   the feed has told it of every change up to P (`markSeen`); the wait may have been answered
 *   from the database before the feed delivered the change.
 */
export class FencedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly fills = new Map<string, number>();
  private lastToken = 0;
  private suspended = false;
  private seenPosition: string | null = null;
  private requiredPosition: string | null = null;
  private readonly now: () => number;

  constructor(private readonly options: FencedCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get(key: string): V | undefined {
    if (!this.trusted()) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Call before reading the source for `key`; hand the token to `completeFill`. */
  beginFill(key: string): FillToken {
    if (this.suspended) return null;
    const token = ++this.lastToken;
    this.fills.set(key, token);
    return token;
  }

  /** Keeps what the source said, unless the key changed since `beginFill`. */
  completeFill(key: string, token: FillToken, value: V | undefined): void {
    if (token === null || this.fills.get(key) !== token) return;
    this.fills.delete(key);
    if (value === undefined) return;
    this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlMs });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  invalidate(key: string): void {
    this.entries.delete(key);
    this.fills.delete(key);
  }

  invalidateAll(): void {
    this.entries.clear();
    this.fills.clear();
  }

  suspend(): void {
    this.suspended = true;
    this.invalidateAll();
  }

  resume(): void {
    this.invalidateAll();
    this.suspended = false;
  }

  /** The feed has delivered every change up to `position` (positions compare as strings). */
  markSeen(position: string): void {
    if (this.seenPosition === null || position > this.seenPosition) this.seenPosition = position;
  }

  /** A caller has seen the read side reach `position`; serve nothing older. */
  requirePosition(position: string): void {
    if (this.requiredPosition === null || position > this.requiredPosition) {
      this.requiredPosition = position;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private trusted(): boolean {
    if (this.suspended) return false;
    const required = this.requiredPosition;
    return required === null || (this.seenPosition !== null && this.seenPosition >= required);
  }
}
