import path from 'node:path';
import { runner } from 'node-pg-migrate';
import { projectRoot } from './project-root';

/**
 * Applies the forward-only SQL migrations in `migrations/`. node-pg-migrate takes an advisory
 * lock, so several processes starting at once apply each migration exactly once.
 */
export async function migrate(databaseUrl: string, log: (msg: string) => void): Promise<void> {
  await runner({
    databaseUrl,
    dir: path.join(projectRoot(), 'migrations'),
    migrationsTable: 'schema_migrations',
    direction: 'up',
    checkOrder: true,
    singleTransaction: true,
    log,
    verbose: false,
  });
}
