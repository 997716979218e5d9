/**
 * The event log port. Every adapter (PostgreSQL, EventStoreDB) passes the same contract suite
 * in `test/integration/event-store/event-store.contract.ts`.
 */

/** Optimistic-concurrency guard for an append, with EventStoreDB's exact semantics. */
export type ExpectedRevision =
  /** Append whatever the stream's state. */
  | 'any'
  /** The stream must not exist yet. */
  | 'no_stream'
  /** The stream must exist (any revision). */
  | 'stream_exists'
  /** The stream's last event must have this 0-based version. */
  | number;

export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  userId?: string;
  idempotencyKey?: string;
}

export type JsonObject = { [key: string]: unknown };

export interface NewEvent {
  /** Unique id; generated when absent. Appending an id that is already stored fails. */
  id?: string;
  type: string;
  data: JsonObject;
  metadata?: EventMetadata;
  /** Schema version of `data`, for upcasting; defaults to 1. */
  schemaVersion?: number;
}

export interface RecordedEvent {
  id: string;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: EventMetadata;
  streamId: string;
  /** 0-based position inside the stream. */
  version: number;
  /** Opaque position in the global log; strings compare in log order. */
  position: string;
  occurredAt: Date;
}

export interface AppendResult {
  /** Version of the last appended event: the expected revision for the next append. */
  nextExpectedVersion: number;
  /** Global position of the last appended event. */
  position: string;
  /** The events as recorded. They may share the data objects appended: change neither. */
  events: RecordedEvent[];
}

export interface StreamAppend {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** First version to return (inclusive); default 0. */
  fromVersion?: number;
  /** Last version to return (inclusive). */
  toVersion?: number;
  /** Only events that occurred at or before this instant. */
  asOf?: Date;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive start; `null` or absent reads from the beginning. */
  fromPosition?: string | null;
  maxCount: number;
  /** Only events of these types (server-side filter). */
  eventTypes?: readonly string[];
}

export interface SubscribeOptions {
  fromPosition?: string | null;
  eventTypes?: readonly string[];
  batchSize?: number;
}

/** Receives batches in log order; the next batch is read only after the promise resolves. */
export type BatchHandler = (events: RecordedEvent[]) => Promise<void>;

export interface Subscription {
  /** Resolves when no handler call is running any more. */
  stop(): Promise<void>;
  /** Rejects when the handler threw or the source failed; resolves when stopped. */
  readonly done: Promise<void>;
}

export interface LogLag {
  /** Events after the given position not yet seen. */
  events: number;
  /** When the oldest of them occurred; null when caught up. */
  oldestAt: Date | null;
}

export interface EventStore {
  /** Appends atomically, all or nothing. @throws WrongExpectedVersion */
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult>;
  /**
   * Appends to several distinct streams in one go, in one round trip's worth of work where the
   * store allows. PostgreSQL: one transaction, all or nothing. EventStoreDB: each stream's append
   * is atomic, the set is not (it has no multi-stream transaction); appends run in order and stop
   * at the first failure. Results come in the order of `appends`.
   * @throws WrongExpectedVersion for the first stream whose expected revision is wrong (nothing
   *   appended on PostgreSQL)
   * @throws Error when a stream id repeats or an append has no events (nothing appended)
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** Whether appendToStreams is all or nothing across its streams. */
  readonly atomicMultiStreamAppend: boolean;
  /** Reads a stream forwards. @throws StreamNotFound when the stream has no events */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Reads the global log forwards after a position, in commit-safe order. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch up from a position, then stay live. */
  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription;
  /** Position of the last event in the log, or null when empty. */
  headPosition(): Promise<string | null>;
  /** How far a reader at `position` is behind the head. */
  lagAfter(position: string | null, eventTypes?: readonly string[]): Promise<LogLag>;
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The shape appendToStreams accepts. @throws Error for a repeated stream id or an empty append */
export function assertValidStreamAppends(appends: readonly StreamAppend[]): void {
  const seen = new Set<string>();
  for (const { streamId, events } of appends) {
    if (seen.has(streamId)) throw new Error(`appendToStreams names stream ${streamId} twice`);
    if (events.length === 0) throw new Error(`appendToStreams has no events for ${streamId}`);
    seen.add(streamId);
  }
}
