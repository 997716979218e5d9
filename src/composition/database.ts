import { type Config } from '../infrastructure/config/config';
import { type Logger } from '../infrastructure/logging/logger';
import { startEmbeddedPostgres } from '../infrastructure/postgres/embedded-postgres';
import { migrate } from '../infrastructure/postgres/migrate';

export interface Database {
  url: string;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded cluster under DATA_DIR. Migrated either way. */
export async function openDatabase(
  config: Config,
  logger: Logger,
  role: 'server' | 'cli',
): Promise<Database> {
  let database: Database;
  if (config.databaseUrl) {
    database = { url: config.databaseUrl, stop: () => Promise.resolve() };
  } else {
    const embedded = await startEmbeddedPostgres(
      config.dataDir,
      { info: (m) => logger.info(m), debug: (m) => logger.debug(m) },
      { adoptOrphan: role === 'server' },
    );
    database = {
      url: embedded.url,
      stop: () => (embedded.owned ? embedded.stop() : Promise.resolve()),
    };
  }
  await migrate(database.url, (m) => logger.debug(m));
  return database;
}
