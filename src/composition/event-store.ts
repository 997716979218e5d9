import type pg from 'pg';
import { type Config } from '../infrastructure/config/config';
import { type EventStore } from '../infrastructure/event-store/event-store';
import { EventStoreDbEventStore } from '../infrastructure/event-store/eventstoredb/eventstoredb-event-store';
import { PgNotifier } from '../infrastructure/event-store/postgres/pg-notifier';
import { PostgresEventStore } from '../infrastructure/event-store/postgres/postgres-event-store';

/** EventStoreDB when EVENTSTORE_URL is set; otherwise the PostgreSQL log in the same database. */
export function createEventStore(config: Config, databaseUrl: string, pool: pg.Pool): EventStore {
  if (config.eventStoreUrl)
    return EventStoreDbEventStore.fromConnectionString(config.eventStoreUrl);
  return new PostgresEventStore(pool, new PgNotifier(databaseUrl));
}
