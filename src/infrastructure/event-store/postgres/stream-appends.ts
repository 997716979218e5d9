import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { type ActualRevision, WrongExpectedVersion } from '../errors';
import { type ExpectedRevision, type NewEvent, type StreamAppend } from '../event-store';

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

/** New events as the column arrays an `unnest` insert takes; data and metadata go as JSON. */
export interface EncodedEvents {
  ids: string[];
  types: string[];
  schemaVersions: number[];
}

export function encodeEvents(events: readonly NewEvent[]): EncodedEvents {
  return {
    ids: events.map((e) => e.id ?? randomUUID()),
    types: events.map((e) => e.type),
    schemaVersions: events.map((e) => e.schemaVersion ?? 1),
  };
}

/** The events' data and their metadata, each as one JSON array for `jsonbElements`. */
export function jsonColumns(events: readonly NewEvent[]): { data: string; metadata: string } {
  return {
    data: JSON.stringify(events.map((e) => e.data)),
    metadata: JSON.stringify(events.map((e) => e.metadata ?? {})),
  };
}

/**
 * A jsonb[] built in PostgreSQL from a parameter holding one JSON array. Sent as a jsonb[], each
 * element would be escaped into an array literal by pg in JavaScript: for a flash-sale batch of
 * 2,000 events, 8 ms of the event loop against 1.4 ms for one JSON.stringify.
 */
export const jsonbElements = (parameter: string): string =>
  `ARRAY(SELECT j.e FROM jsonb_array_elements(${parameter}::jsonb) WITH ORDINALITY AS j(e, i) ORDER BY j.i)`;

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

/** SQLSTATE of es_append_streams' refusal (migrations/0030_es-append-streams.sql). */
const WRONG_EXPECTED_VERSION = 'ES409';

const APPEND_STREAMS = `SELECT global_position::text AS global_position, transaction_id, stream_version::text AS stream_version,
    event_id, created_at
  FROM es_append_streams($1::text[], $2::text[], $3::int[], $4::int[], $5::int[], $6::uuid[], $7::text[],
    $8::int[], ${jsonbElements('$9')}, ${jsonbElements('$10')}, $11::boolean)`;

const isPgError = (error: unknown): error is { code?: string; detail?: string; hint?: string } =>
  typeof error === 'object' && error !== null && 'code' in error;

/**
 * appendToStreams as one statement, so one round trip whatever the number of streams: the
 * function locks, checks every expected revision, claims the versions and inserts, or raises
 * and writes nothing. Returns the rows of each append, in the order of `appends`.
 * @throws WrongExpectedVersion for the first stream that refuses its append
 */
export async function appendBatch(
  db: Db,
  appends: readonly StreamAppend[],
  encoded: readonly EncodedEvents[],
  notify: boolean,
): Promise<AppendedRow[][]> {
  const eventStreams: number[] = [];
  const eventOffsets: number[] = [];
  appends.forEach(({ events }, s) =>
    events.forEach((_, offset) => {
      eventStreams.push(s + 1);
      eventOffsets.push(offset);
    }),
  );
  const column = (key: keyof EncodedEvents) => encoded.flatMap((e): unknown[] => e[key]);
  const json = jsonColumns(appends.flatMap((a) => a.events));
  let rows: AppendedRow[];
  try {
    ({ rows } = await db.query<AppendedRow>({
      name: 'es_append_streams',
      text: APPEND_STREAMS,
      values: [
        appends.map((a) => a.streamId),
        appends.map((a) => String(a.expected)),
        appends.map((a) => a.events.length),
        eventStreams,
        eventOffsets,
        column('ids'),
        column('types'),
        column('schemaVersions'),
        json.data,
        json.metadata,
        notify,
      ],
    }));
  } catch (error) {
    if (!isPgError(error) || error.code !== WRONG_EXPECTED_VERSION) throw error;
    const streamId = error.detail ?? '';
    const refused = appends.find((a) => a.streamId === streamId);
    const actual =
      error.hint === undefined || error.hint === 'no_stream' ? 'no_stream' : Number(error.hint);
    throw new WrongExpectedVersion(streamId, refused?.expected ?? 'any', actual);
  }
  const perAppend: AppendedRow[][] = [];
  let offset = 0;
  for (const { events } of appends) {
    perAppend.push(rows.slice(offset, offset + events.length));
    offset += events.length;
  }
  return perAppend;
}
