import dotenv from 'dotenv';
import type pg from 'pg';
import { loadConfig } from '../infrastructure/config/config';
import { createEventStore } from '../composition/event-store';
import { type EventStore } from '../infrastructure/event-store/event-store';
import {
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../infrastructure/postgres/embedded-postgres';
import { migrate } from '../infrastructure/postgres/migrate';
import { createPool } from '../infrastructure/postgres/pool';

/** What every command works with. */
export interface CliConnection {
  pool: pg.Pool;
  eventStore: EventStore;
  close(): Promise<void>;
}

export type Connect = () => Promise<CliConnection>;

/**
 * Reaches the same database and the same log as the server, from the same configuration:
 * DATABASE_URL, or the embedded cluster under DATA_DIR (joined when the server runs, started and
 * stopped again when it does not); EventStoreDB when EVENTSTORE_URL is set, as the server does,
 * or else the rebuild of a read model would start from an empty log.
 */
export async function connect(env: NodeJS.ProcessEnv = process.env): Promise<CliConnection> {
  dotenv.config({ quiet: true });
  const config = loadConfig(env);
  const debug = config.logLevel === 'debug' || config.logLevel === 'trace';
  const logger = {
    info: (message: string) => debug && process.stderr.write(`${message}\n`),
    debug: (message: string) => debug && process.stderr.write(`${message}\n`),
  };
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (url === null) {
    embedded = await startEmbeddedPostgres(config.dataDir, logger, { adoptOrphan: false });
    url = embedded.url;
  }
  try {
    await migrate(url, () => undefined);
  } catch (error) {
    if (embedded?.owned) await embedded.stop();
    throw error;
  }
  const pool = createPool(url, { max: 6, applicationName: 'chronocart-cli' });
  const eventStore = createEventStore(config, url, pool);
  return {
    pool,
    eventStore,
    async close() {
      await eventStore.close();
      await pool.end();
      if (embedded?.owned) await embedded.stop();
    },
  };
}
