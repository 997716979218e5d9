import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/infrastructure/postgres/embedded-postgres';

/** The PostgreSQL server a benchmark runs against, and how to make databases on it. */
export interface BenchCluster {
  /** Connection string of the maintenance database. */
  url: string;
  /** `server_version` of the server. */
  version: string;
  createDatabase(prefix: string): Promise<BenchDatabase>;
  /** Asks for a checkpoint so that one measured run does not pay for the previous one's writes. */
  checkpoint(): Promise<void>;
  stop(): Promise<void>;
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

const quiet = { info: (m: string) => note(m), debug: () => undefined };

/**
 * DATABASE_URL when set (its database is only used to create and drop others); otherwise the
 * embedded PostgreSQL under BENCH_DATA_DIR (default ./.bench-data), started and stopped here.
 */
export async function startBenchCluster(): Promise<BenchCluster> {
  const external = process.env.DATABASE_URL;
  // A cluster already running in the directory (another benchmark's) is joined, never stopped.
  const embedded = external
    ? null
    : await startEmbeddedPostgres(process.env.BENCH_DATA_DIR ?? './.bench-data', quiet, {
        adoptOrphan: false,
      });
  const url = external ?? embedded!.url;
  const created: BenchDatabase[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const version = await admin(async (c) => {
    const { rows } = await c.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  });
  return {
    url,
    version,
    async createDatabase(prefix) {
      const name = `${prefix}_${randomBytes(4).toString('hex')}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      const database: BenchDatabase = {
        name,
        url: withDatabase(url, name),
        drop: async () => {
          await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        },
      };
      created.push(database);
      return database;
    },
    async checkpoint() {
      // Needs superuser (or pg_checkpoint); on a managed server we simply go without.
      await admin((c) => c.query('CHECKPOINT')).catch(() => undefined);
    },
    async stop() {
      for (const database of created.splice(0)) await database.drop().catch(() => undefined);
      if (embedded?.owned) await embedded.stop();
    },
  };
}

export function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Progress lines go to stderr so that stdout keeps only the results. */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}
