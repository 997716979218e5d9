import type pg from 'pg';
import { type Config } from '../infrastructure/config/config';
import { type EventStore } from '../infrastructure/event-store/event-store';
import { PgNotifier } from '../infrastructure/event-store/postgres/pg-notifier';
import { PostgresEventStore } from '../infrastructure/event-store/postgres/postgres-event-store';

/** The PostgreSQL log in the same database by default. */
export function createEventStore(_config: Config, databaseUrl: string, pool: pg.Pool): EventStore {
  return new PostgresEventStore(pool, new PgNotifier(databaseUrl));
}
