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
  try {
    await migrate(database.url, (m) => logger.debug(m));
  } catch (error) {
    if (!config.databaseUrl) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `DATABASE_URL ${withoutPassword(config.databaseUrl)} is not usable: ${message}`,
    );
  }
  return database;
}

/** The URL as it may be shown in a log or an error: never its password. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
