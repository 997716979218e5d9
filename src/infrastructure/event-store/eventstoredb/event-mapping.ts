import { type EventData, jsonEvent, type Position } from '@eventstore/db-client';
import {
  type EventMetadata,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
} from '../event-store';
import { encodePosition } from './position';

/** What we read of an event as the client decodes it (stream reads, $all reads, subscriptions). */
export interface EsdbEvent {
  id: string;
  type: string;
  streamId: string;
  revision: bigint;
  created: Date;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

const METADATA_KEYS = ['correlationId', 'causationId', 'userId', 'idempotencyKey'] as const;

/** Data as JSON; our metadata and the schema version together in the event's metadata JSON. */
export function toEventData(event: NewEvent, id: string): EventData {
  const metadata: JsonObject = { schemaVersion: event.schemaVersion ?? 1 };
  for (const key of METADATA_KEYS) {
    const value = event.metadata?.[key];
    if (value !== undefined) metadata[key] = value;
  }
  return jsonEvent({ id, type: event.type, data: event.data, metadata });
}

/** @throws UnreadableEsdbEvent for an event this store did not write (binary, or no position) */
export function toRecordedEvent(event: EsdbEvent): RecordedEvent {
  if (!event.isJson || !isJsonObject(event.data)) {
    throw new UnreadableEsdbEvent(event, 'its data is not a JSON object');
  }
  // Positions of stream reads are only sent by EventStoreDB 22.6 and later.
  if (!event.position) throw new UnreadableEsdbEvent(event, 'the server sent no position');
  const stored = isJsonObject(event.metadata) ? event.metadata : {};
  const metadata: EventMetadata = {};
  for (const key of METADATA_KEYS) {
    const value = stored[key];
    if (typeof value === 'string') metadata[key] = value;
  }
  return {
    id: event.id,
    type: event.type,
    schemaVersion: typeof stored.schemaVersion === 'number' ? stored.schemaVersion : 1,
    data: event.data,
    metadata,
    streamId: event.streamId,
    version: Number(event.revision),
    position: encodePosition(event.position),
    occurredAt: event.created,
  };
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The server-side event-type filter: without a list, every event that is not a system event
 * (EventStoreDB's own types start with `$`; the same regex as the client's excludeSystemEvents);
 * with one, exactly those types. The expression is evaluated by the server's .NET regex engine.
 */
export function eventTypeRegex(eventTypes?: readonly string[]): string {
  if (!eventTypes) return '^[^$].*';
  // An empty alternation would match every type; this matches none.
  if (eventTypes.length === 0) return '(?!)';
  const escaped = eventTypes.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `^(?:${escaped.join('|')})$`;
}

export class UnreadableEsdbEvent extends Error {
  override readonly name = 'UnreadableEsdbEvent';
  constructor(
    readonly event: Pick<EsdbEvent, 'id' | 'streamId' | 'revision'>,
    reason: string,
  ) {
    super(`Cannot read event ${event.id} (${event.streamId}@${event.revision}): ${reason}`);
  }
}
