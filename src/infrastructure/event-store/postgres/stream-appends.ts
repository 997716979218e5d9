import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { type ActualRevision, WrongExpectedVersion } from '../errors';
import { type ExpectedRevision, type NewEvent, type StreamAppend } from '../event-store';
import { EVENTS_CHANNEL } from './pg-notifier';

export type Db = pg.Pool | pg.PoolClient;

/** What an append reads back: the rest it already has (and need not have PostgreSQL send again). */
export interface AppendedRow {
  global_position: string;
  transaction_id: string;
  stream_version: string;
  event_id: string;
  created_at: Date;
}
export const APPENDED_COLUMNS = `global_position, transaction_id::text AS transaction_id, stream_version, event_id,
  created_at`;

/** New events as the column arrays an `unnest` insert takes; data and metadata as sent. */
export interface EncodedEvents {
  ids: string[];
  types: string[];
  schemaVersions: number[];
  data: string[];
  metadata: string[];
}

export function encodeEvents(events: readonly NewEvent[]): EncodedEvents {
  return {
    ids: events.map((e) => e.id ?? randomUUID()),
    types: events.map((e) => e.type),
    schemaVersions: events.map((e) => e.schemaVersion ?? 1),
    data: events.map((e) => JSON.stringify(e.data)),
    metadata: events.map((e) => JSON.stringify(e.metadata ?? {})),
  };
}

/** EventStoreDB's rule for whether a stream at `actual` accepts an append expecting `expected`. */
export function satisfiesExpected(expected: ExpectedRevision, actual: ActualRevision): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 'no_stream';
  if (expected === 'stream_exists') return actual !== 'no_stream';
  return expected === actual;
}

export async function currentVersion(db: Db, streamId: string): Promise<ActualRevision> {
  const { rows } = await db.query<{ version: string }>(
    'SELECT version FROM es_streams WHERE stream_id = $1',
    [streamId],
  );
  return rows[0] ? Number(rows[0].version) : 'no_stream';
}

/**
 * Locks the batch's existing streams, in stream id order so that batches sharing streams cannot
 * deadlock, and reads their versions: with the rows locked, the expected revisions can be checked
 * here and stay true until commit.
 */
const LOCK_STREAMS = `SELECT stream_id, version FROM es_streams WHERE stream_id = ANY($1::text[])
  ORDER BY stream_id FOR UPDATE`;

/**
 * Moves the locked streams to their new versions and creates the missing ones. A stream that
 * another transaction creates between the lock and this insert conflicts: for 'any' the append
 * goes after its events (as a single 'any' append does); for 'no_stream' no row comes back.
 */
const CLAIM_STREAMS = `WITH moved AS (
    UPDATE es_streams s SET version = m.version
    FROM unnest($1::text[], $2::bigint[]) AS m(stream_id, version)
    WHERE s.stream_id = m.stream_id
    RETURNING s.stream_id, s.version),
  created AS (
    INSERT INTO es_streams AS s (stream_id, version)
    SELECT * FROM unnest($3::text[], $4::bigint[]) AS c(stream_id, version) ORDER BY stream_id
    ON CONFLICT (stream_id) DO UPDATE SET version = s.version + excluded.version + 1
      WHERE excluded.stream_id = ANY($5::text[])
    RETURNING s.stream_id, s.version)
  SELECT * FROM moved UNION ALL SELECT * FROM created`;

/** Inserts in the order given, so positions follow the order of the appends. */
const insertEvents = (notify: boolean): string => `WITH inserted AS (
    INSERT INTO es_events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
    SELECT e.stream_id, e.version, e.id, e.type, e.schema_version, e.data, e.metadata
    FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])
      WITH ORDINALITY AS e(stream_id, version, id, type, schema_version, data, metadata, ord)
    ORDER BY e.ord
    RETURNING ${APPENDED_COLUMNS})
  SELECT inserted.*${notify ? `, (SELECT pg_notify('${EVENTS_CHANNEL}', ''))::text AS notified` : ''}
  FROM inserted ORDER BY global_position`;

/**
 * The statements of appendToStreams, three whatever the number of streams, to run inside one
 * transaction: lock and check, claim the versions, insert the events. Returns the rows of each
 * append, in the order of `appends`.
 * @throws WrongExpectedVersion for the first stream that refuses its append; the transaction must
 *   then be rolled back, as the claim may have moved other streams already
 */
export async function appendBatch(
  db: Db,
  appends: readonly StreamAppend[],
  encoded: readonly EncodedEvents[],
  notify: boolean,
): Promise<AppendedRow[][]> {
  const { rows: locked } = await db.query<{ stream_id: string; version: string }>({
    name: 'es_lock_streams',
    text: LOCK_STREAMS,
    values: [appends.map((a) => a.streamId)],
  });
  const versions = new Map(locked.map((r) => [r.stream_id, Number(r.version)]));
  const moved: { ids: string[]; versions: number[] } = { ids: [], versions: [] };
  const created: { ids: string[]; versions: number[]; anyIds: string[] } = {
    ids: [],
    versions: [],
    anyIds: [],
  };
  for (const { streamId, events, expected } of appends) {
    const actual = versions.get(streamId) ?? 'no_stream';
    if (!satisfiesExpected(expected, actual)) {
      throw new WrongExpectedVersion(streamId, expected, actual);
    }
    if (actual === 'no_stream') {
      created.ids.push(streamId);
      created.versions.push(events.length - 1);
      if (expected === 'any') created.anyIds.push(streamId);
    } else {
      moved.ids.push(streamId);
      moved.versions.push(actual + events.length);
    }
  }

  const { rows: claimed } = await db.query<{ stream_id: string; version: string }>({
    name: 'es_claim_streams',
    text: CLAIM_STREAMS,
    values: [moved.ids, moved.versions, created.ids, created.versions, created.anyIds],
  });
  const last = new Map(claimed.map((r) => [r.stream_id, Number(r.version)]));
  const lost = appends.find((a) => !last.has(a.streamId));
  if (lost) {
    throw new WrongExpectedVersion(
      lost.streamId,
      lost.expected,
      await currentVersion(db, lost.streamId),
    );
  }

  const streamIds: string[] = [];
  const streamVersions: number[] = [];
  for (const { streamId, events } of appends) {
    const first = last.get(streamId)! - events.length + 1;
    events.forEach((_, i) => {
      streamIds.push(streamId);
      streamVersions.push(first + i);
    });
  }
  const column = (key: keyof EncodedEvents) => encoded.flatMap((e): unknown[] => e[key]);
  const { rows } = await db.query<AppendedRow>({
    name: `es_append_batch${notify ? '_notify' : ''}`,
    text: insertEvents(notify),
    values: [
      streamIds,
      streamVersions,
      column('ids'),
      column('types'),
      column('schemaVersions'),
      column('data'),
      column('metadata'),
    ],
  });
  const perAppend: AppendedRow[][] = [];
  let offset = 0;
  for (const { events } of appends) {
    perAppend.push(rows.slice(offset, offset + events.length));
    offset += events.length;
  }
  return perAppend;
}
