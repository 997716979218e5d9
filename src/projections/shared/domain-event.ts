import { type RecordedEvent } from '../../infrastructure/event-store/event-store';

/**
 * Views a recorded event as a member of a domain event union. The log only holds events the
 * deciders produced, so the cast is the contract; a malformed event fails when applied and marks
 * the projection FAILED at its position.
 */
export const asDomainEvent = <E extends { type: string; data: object }>(event: RecordedEvent): E =>
  ({ type: event.type, data: event.data }) as unknown as E;

/** Fails the batch when a required field is missing, naming it. */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing ${what}`);
  return value;
}

/** The last element of a list known to be non-empty. */
export const lastOf = <T>(items: readonly T[]): T => {
  const item = items[items.length - 1];
  if (item === undefined) throw new Error('empty list');
  return item;
};

/** A string field of the event's data (an id), checked: the batch fails on a malformed event. */
export function stringField(event: RecordedEvent, field: string): string {
  const value = event.data[field];
  if (typeof value !== 'string') {
    throw new Error(`${event.type} at ${event.position} has no string ${field}`);
  }
  return value;
}
