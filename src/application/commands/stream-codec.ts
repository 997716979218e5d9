import {
  type EventMetadata,
  type NewEvent,
  type RecordedEvent,
} from '../../infrastructure/event-store/event-store';

/** A domain event as deciders see it. */
export interface DomainEvent {
  type: string;
  data: object;
}

/** Current schema version of every event type we write; older versions are upcast on read. */
const SCHEMA_VERSION = 1;

/**
 * Turns stored events back into domain events. Every type is at version 1 today; when a shape
 * changes, the mapping from the old version goes here and nowhere else.
 */
export function upcast<E extends DomainEvent>(
  recorded: RecordedEvent,
  knownTypes: readonly string[],
): E {
  if (!knownTypes.includes(recorded.type)) {
    throw new Error(
      `Unknown event type ${recorded.type} in ${recorded.streamId}@${recorded.version}`,
    );
  }
  return { type: recorded.type, data: recorded.data } as unknown as E;
}

export function toNewEvent(event: DomainEvent, metadata: EventMetadata): NewEvent {
  return {
    type: event.type,
    data: event.data as NewEvent['data'],
    metadata,
    schemaVersion: SCHEMA_VERSION,
  };
}
