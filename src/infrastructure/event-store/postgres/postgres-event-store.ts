import type pg from 'pg';
import { StreamNotFound, WrongExpectedVersion } from '../errors';
import {
  type AppendResult,
  type BatchHandler,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type JsonObject,
  type LogLag,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
  type Subscription,
  assertValidStreamAppends,
} from '../event-store';
import { pollingSubscription } from '../polling-subscription';
import { EVENTS_CHANNEL, type PgNotifier } from './pg-notifier';
import { decodePosition, encodePosition } from './position';
import {
  APPENDED_COLUMNS,
  type AppendedRow,
  appendBatch,
  currentVersion,
  type EncodedEvents,
  encodeEvents,
  jsonbElements,
  jsonColumns,
  satisfiesExpected,
} from './stream-appends';

interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: JsonObject;
  metadata: EventMetadata;
  created_at: Date;
}

/** The one row of a stream that exists but has no events in the range read. */
type MissingEventRow = { [K in keyof EventRow]: null };

const COLUMNS = `global_position, transaction_id::text AS transaction_id, stream_id, stream_version,
  event_id, type, schema_version, data, metadata, created_at`;

/** Claims the stream's next versions, or returns no row when the expected revision is wrong. */
const CLAIM: Record<'any' | 'no_stream' | 'stream_exists' | 'exact', string> = {
  any: `INSERT INTO es_streams (stream_id, version) VALUES ($1, $2 - 1)
        ON CONFLICT (stream_id) DO UPDATE SET version = es_streams.version + $2 RETURNING version`,
  no_stream: `INSERT INTO es_streams (stream_id, version) VALUES ($1, $2 - 1)
        ON CONFLICT (stream_id) DO NOTHING RETURNING version`,
  stream_exists: `UPDATE es_streams SET version = version + $2 WHERE stream_id = $1 RETURNING version`,
  exact: `UPDATE es_streams SET version = version + $2 WHERE stream_id = $1 AND version = $8
        RETURNING version`,
};

/**
 * Wakes the listeners of every process once appends have committed. A NOTIFY inside an append
 * makes its commit, WAL flush included, wait for PostgreSQL's global notify lock, so concurrent
 * appends that all notify commit one at a time. An append that runs alone in this process
 * notifies inline (one round trip); appends that overlap others leave it to this short
 * transaction after their commit, which takes the lock without waiting for a flush (a lost
 * wake-up only delays subscribers until they poll).
 */
const WAKE_SUBSCRIBERS = `BEGIN; SET LOCAL synchronous_commit TO off;
  SELECT pg_notify('${EVENTS_CHANNEL}', ''); COMMIT`;

const ignore = (): void => undefined;

/**
 * The event log in PostgreSQL (brief section 4). An append is one statement, so one transaction
 * and one round trip. Global readers follow (transaction_id, global_position) and only look at
 * transactions older than every open one, so an event that commits late with a lower sequence
 * number is never skipped and a gap never stalls a reader.
 */
export class PostgresEventStore implements EventStore {
  readonly atomicMultiStreamAppend = true;
  /** The wake-up in flight, if any; appends that commit meanwhile ask for one more after it. */
  private waking: Promise<void> | null = null;
  private wakeAgain = false;
  private appending = 0;

  constructor(
    private readonly pool: pg.Pool | pg.PoolClient,
    private readonly notifier: PgNotifier,
    /** Appends run inside a transaction the caller commits: NOTIFY goes with that commit. */
    private readonly inCallerTransaction = false,
  ) {}

  /** The same store, appending inside the caller's open transaction on `client`. */
  inTransaction(client: pg.PoolClient): PostgresEventStore {
    return new PostgresEventStore(client, this.notifier, true);
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) return this.checkOnly(streamId, expected);
    const mode = typeof expected === 'number' ? 'exact' : expected;
    const notifyInline = this.inCallerTransaction || this.appending === 0;
    const sql = `WITH claimed AS (${CLAIM[mode]}),
      inserted AS (
        INSERT INTO es_events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
        SELECT $1, claimed.version - $2 + e.ord, e.id, e.type, e.schema_version, e.data, e.metadata
        FROM claimed,
          unnest($3::uuid[], $4::text[], $5::int[], ${jsonbElements('$6')}, ${jsonbElements('$7')})
            WITH ORDINALITY AS e(id, type, schema_version, data, metadata, ord)
        RETURNING ${APPENDED_COLUMNS})
      SELECT inserted.*${notifyInline ? `, pg_notify('${EVENTS_CHANNEL}', '')::text AS notified` : ''}
      FROM inserted ORDER BY stream_version`;
    const encoded = encodeEvents(events);
    const json = jsonColumns(events);
    const params: unknown[] = [
      streamId,
      events.length,
      encoded.ids,
      encoded.types,
      encoded.schemaVersions,
      json.data,
      json.metadata,
    ];
    if (typeof expected === 'number') params.push(expected);
    this.appending++;
    let rows: AppendedRow[];
    try {
      // Named: each connection parses and plans each of the few append shapes once.
      ({ rows } = await this.pool.query<AppendedRow>({
        name: `es_append_${mode}${notifyInline ? '_notify' : ''}`,
        text: sql,
        values: params,
      }));
    } finally {
      this.appending--;
    }
    if (rows.length === 0) {
      throw new WrongExpectedVersion(streamId, expected, await currentVersion(this.pool, streamId));
    }
    if (!notifyInline) this.wakeSubscribers();
    // Rows come in stream order, which is the order of `events`.
    return toAppendResult(streamId, events, encoded, rows);
  }

  /** One statement (es_append_streams) whatever the number of streams. */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    assertValidStreamAppends(appends);
    if (appends.length === 0) return [];
    const encoded = appends.map((a) => encodeEvents(a.events));
    const notifyInline = this.inCallerTransaction || this.appending === 0;
    this.appending++;
    let rows: AppendedRow[][];
    try {
      // One statement: atomic on its own, or part of the caller's transaction.
      rows = await appendBatch(this.pool, appends, encoded, notifyInline);
    } finally {
      this.appending--;
    }
    if (!notifyInline) this.wakeSubscribers();
    return appends.map((a, i) => toAppendResult(a.streamId, a.events, encoded[i]!, rows[i]!));
  }

  /** At most one wake-up in flight; appends committed meanwhile are covered by the next one. */
  private wakeSubscribers(): void {
    if (this.waking) {
      this.wakeAgain = true;
      return;
    }
    this.waking = this.pool
      .query(WAKE_SUBSCRIBERS)
      .then(ignore, ignore)
      .then(() => {
        this.waking = null;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wakeSubscribers();
        }
      });
  }

  private async checkOnly(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const actual = await currentVersion(this.pool, streamId);
    if (!satisfiesExpected(expected, actual)) {
      throw new WrongExpectedVersion(streamId, expected, actual);
    }
    return {
      nextExpectedVersion: actual === 'no_stream' ? -1 : actual,
      position: (await this.headPosition()) ?? encodePosition(decodePosition(null)),
      events: [],
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    // One round trip, even for a reader that is already up to date (the common case of a cached
    // aggregate): the stream's row says whether it exists, the lateral read brings its events.
    // The lateral join is a nested loop over at most one stream row, so the events keep the
    // subquery's order.
    const { rows } = await this.pool.query<EventRow | MissingEventRow>({
      name: 'es_read_stream',
      text: `SELECT e.* FROM es_streams s
       LEFT JOIN LATERAL (
         SELECT ${COLUMNS} FROM es_events
         WHERE stream_id = s.stream_id AND stream_version >= $2
           AND ($3::bigint IS NULL OR stream_version <= $3)
           AND ($4::timestamptz IS NULL OR date_trunc('milliseconds', created_at) <= $4)
         ORDER BY stream_version LIMIT $5) e ON true
       WHERE s.stream_id = $1`,
      values: [
        streamId,
        options.fromVersion ?? 0,
        options.toVersion ?? null,
        options.asOf ?? null,
        options.maxCount ?? null,
      ],
    });
    if (rows.length === 0) throw new StreamNotFound(streamId);
    if (rows[0]!.event_id === null) return [];
    return (rows as EventRow[]).map(toRecorded);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const from = decodePosition(options.fromPosition);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM es_events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         AND ($4::text[] IS NULL OR type = ANY($4))
       ORDER BY es_events.transaction_id, es_events.global_position
       LIMIT $3`,
      [from.transactionId, from.globalPosition, options.maxCount, options.eventTypes ?? null],
    );
    return rows.map(toRecorded);
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    return pollingSubscription(
      { readAll: (o) => this.readAll(o), onWake: (l) => this.notifier.onNotify(l) },
      options,
      handler,
    );
  }

  async headPosition(): Promise<string | null> {
    const { rows } = await this.pool.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id::text AS transaction_id, global_position FROM es_events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY es_events.transaction_id DESC, es_events.global_position DESC LIMIT 1`,
    );
    const row = rows[0];
    return row
      ? encodePosition({ transactionId: row.transaction_id, globalPosition: row.global_position })
      : null;
  }

  async lagAfter(position: string | null, eventTypes?: readonly string[]): Promise<LogLag> {
    const from = decodePosition(position);
    const { rows } = await this.pool.query<{ events: string; oldest: Date | null }>(
      `SELECT count(*) AS events, min(created_at) AS oldest FROM es_events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND ($3::text[] IS NULL OR type = ANY($3))`,
      [from.transactionId, from.globalPosition, eventTypes ?? null],
    );
    const row = rows[0];
    return { events: Number(row?.events ?? 0), oldestAt: row?.oldest ?? null };
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1 FROM es_streams LIMIT 1');
  }

  async close(): Promise<void> {
    while (this.waking) await this.waking;
    await this.notifier.close();
  }
}

/**
 * One stream's recorded events, in the order of its rows: what PostgreSQL assigned, with the
 * caller's own data and metadata (JSON already, so what a read returns) rather than a parse of
 * what was sent.
 */
function toAppendResult(
  streamId: string,
  events: readonly NewEvent[],
  encoded: EncodedEvents,
  rows: readonly AppendedRow[],
): AppendResult {
  // Named field by field: spreading pg's row objects cost more than the rest of the append.
  const recorded = rows.map((row, i) =>
    toRecorded({
      global_position: row.global_position,
      transaction_id: row.transaction_id,
      stream_version: row.stream_version,
      event_id: row.event_id,
      created_at: row.created_at,
      stream_id: streamId,
      type: encoded.types[i]!,
      schema_version: encoded.schemaVersions[i]!,
      data: events[i]!.data,
      metadata: events[i]!.metadata ?? {},
    }),
  );
  const last = recorded[recorded.length - 1]!;
  return { nextExpectedVersion: last.version, position: last.position, events: recorded };
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    version: Number(row.stream_version),
    position: encodePosition({
      transactionId: row.transaction_id,
      globalPosition: String(row.global_position),
    }),
    occurredAt: row.created_at,
  };
}
