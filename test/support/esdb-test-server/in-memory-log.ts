/**
 * TEST CODE. The storage of the wire-level EventStoreDB test server: streams and the $all log in
 * memory, with EventStoreDB's append rules (expected revision, idempotent retries) and positions.
 */

export type ExpectedRevision =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'revision'; revision: bigint };

export type CurrentRevision = bigint | 'no_stream';

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export interface StoredEvent extends ProposedEvent {
  streamId: string;
  /** 0-based revision in the stream. */
  revision: bigint;
  /** Log position; commit and prepare are equal, as for any single-append write. */
  position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB reports `created`. */
  created: bigint;
}

export type AppendOutcome =
  | { ok: true; current: CurrentRevision; position: bigint | null }
  | { ok: false; current: CurrentRevision };

/** The log does not start at 0 in EventStoreDB either: chunk header and epoch records come first. */
const FIRST_POSITION = 256n;
/** A record's size apart from its payload, so positions advance like byte offsets. */
const RECORD_OVERHEAD = 100;
const TICKS_PER_MS = 10_000n;

export class InMemoryLog {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private nextPosition = FIRST_POSITION;
  private lastTicks = 0n;
  private readonly listeners = new Set<() => void>();

  /** Every event in log order. */
  get all(): readonly StoredEvent[] {
    return this.log;
  }

  stream(streamId: string): readonly StoredEvent[] | undefined {
    return this.streams.get(streamId);
  }

  /** Index in `all` of the first event at or after a position (binary search: log order). */
  firstIndexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.log[mid]!.position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Calls `listener` after every successful write; returns the unsubscribe function. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(
    streamId: string,
    expected: ExpectedRevision,
    proposed: readonly ProposedEvent[],
  ): AppendOutcome {
    const stream = this.streams.get(streamId);
    const current: CurrentRevision = stream ? BigInt(stream.length - 1) : 'no_stream';
    const retried = this.idempotentRetry(stream, expected, proposed);
    if (retried) return retried;
    if (!accepts(expected, current)) return { ok: false, current };
    if (proposed.length === 0) return { ok: true, current, position: null };
    const target = stream ?? [];
    for (const event of proposed) {
      const stored: StoredEvent = {
        ...event,
        streamId,
        revision: BigInt(target.length),
        position: this.nextPosition,
        created: this.nextTicks(),
      };
      this.nextPosition += BigInt(
        RECORD_OVERHEAD +
          Buffer.byteLength(streamId) +
          Buffer.byteLength(event.type) +
          event.data.length +
          event.customMetadata.length,
      );
      target.push(stored);
      this.log.push(stored);
    }
    this.streams.set(streamId, target);
    for (const listener of [...this.listeners]) listener();
    const last = target[target.length - 1]!;
    return { ok: true, current: last.revision, position: last.position };
  }

  /**
   * EventStoreDB treats a retry of an earlier write (the same event ids, in order, at the same
   * expected revision) as already done and answers with that write's result.
   */
  private idempotentRetry(
    stream: readonly StoredEvent[] | undefined,
    expected: ExpectedRevision,
    proposed: readonly ProposedEvent[],
  ): AppendOutcome | null {
    const firstId = proposed[0]?.id;
    if (!stream || firstId === undefined) return null;
    const first = stream.findIndex((e) => e.id === firstId);
    if (first < 0 || !proposed.every((p, i) => stream[first + i]?.id === p.id)) return null;
    const before: CurrentRevision = first === 0 ? 'no_stream' : BigInt(first - 1);
    if (expected.kind !== 'any' && expected.kind !== 'stream_exists' && !accepts(expected, before))
      return null;
    const last = stream[first + proposed.length - 1]!;
    return { ok: true, current: last.revision, position: last.position };
  }

  /** Strictly increasing, so events of one stream never share a creation time. */
  private nextTicks(): bigint {
    const now = BigInt(Date.now()) * TICKS_PER_MS;
    this.lastTicks = now > this.lastTicks ? now : this.lastTicks + 1n;
    return this.lastTicks;
  }
}

function accepts(expected: ExpectedRevision, current: CurrentRevision): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 'no_stream';
    case 'stream_exists':
      return current !== 'no_stream';
    case 'revision':
      return current === expected.revision;
  }
}
