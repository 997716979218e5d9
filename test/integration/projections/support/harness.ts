import pg from 'pg';
import { PgNotifier } from '../../../../src/infrastructure/event-store/postgres/pg-notifier';
import { PostgresEventStore } from '../../../../src/infrastructure/event-store/postgres/postgres-event-store';
import { createPool } from '../../../../src/infrastructure/postgres/pool';
import { InProcessPubSub } from '../../../../src/infrastructure/pubsub/in-process-pubsub';
import { projections as registry } from '../../../../src/projections/registry';
import { type Projection } from '../../../../src/projections/runtime/projection';
import { ProjectionRuntime } from '../../../../src/projections/runtime/projection-runtime';
import { type Topics } from '../../../../src/projections/topics';
import { createTestDatabase, type TestDatabase } from '../../../support/database';

/** A fresh database with an event store and a pub/sub; runtimes get pools of their own. */
export interface Harness {
  db: TestDatabase;
  store: PostgresEventStore;
  pubsub: InProcessPubSub<Topics>;
  /** A runtime on its own pool (so that a test can kill its connections alone). */
  runtime(options?: RuntimeOptions): Promise<TestRuntime>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  projections?: readonly Projection[];
  batchSize?: number;
  applicationName?: string;
  start?: boolean;
}

export interface TestRuntime {
  runtime: ProjectionRuntime;
  /** Warnings and errors the runtime logged. */
  problems: string[];
  pool: pg.Pool;
  applicationName: string;
  stop(): Promise<void>;
}

let runtimes = 0;

export async function createHarness(): Promise<Harness> {
  const db = await createTestDatabase(20);
  const notifier = new PgNotifier(db.url);
  const store = new PostgresEventStore(db.pool, notifier);
  const pubsub = new InProcessPubSub<Topics>();
  const started: TestRuntime[] = [];
  return {
    db,
    store,
    pubsub,
    async runtime(options = {}) {
      const applicationName = options.applicationName ?? `runtime-${++runtimes}`;
      const pool = createPool(db.url, { max: 8, applicationName });
      const problems: string[] = [];
      const runtime = new ProjectionRuntime({
        logger: {
          info: () => undefined,
          warn: (message) => problems.push(`warn: ${message}`),
          error: (message) => problems.push(`error: ${message}`),
        },
        pool,
        eventStore: new PostgresEventStore(pool, notifier),
        pubsub,
        projections: options.projections ?? registry,
        batchSize: options.batchSize,
        retryMs: 100,
      });
      let stopped = false;
      const handle: TestRuntime = {
        runtime,
        problems,
        pool,
        applicationName,
        async stop() {
          if (stopped) return;
          stopped = true;
          await runtime.stop();
          await pool.end();
        },
      };
      started.push(handle);
      if (options.start !== false) await runtime.start();
      return handle;
    },
    async close() {
      for (const handle of started) await handle.stop();
      await pubsub.close();
      await store.close();
      await db.drop();
    },
  };
}

/** Kills every server connection of a runtime's pool, the lock connection included. */
export async function killConnections(db: TestDatabase, applicationName: string): Promise<number> {
  const { rows } = await db.pool.query<{ killed: boolean }>(
    `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
     WHERE application_name = $1 AND pid <> pg_backend_pid()`,
    [applicationName],
  );
  return rows.length;
}

export { pg };
