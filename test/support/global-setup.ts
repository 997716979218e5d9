import path from 'node:path';
import pg from 'pg';
import { migrate } from '../../src/infrastructure/postgres/migrate';
import { startEmbeddedPostgres } from '../../src/infrastructure/postgres/embedded-postgres';
import { templateDatabase, withDatabase } from './database-url';

/**
 * One PostgreSQL for the whole run: the server named by TEST_DATABASE_URL, or else a real
 * embedded one (the newcomer's path). A migrated template database makes each test file's own
 * fresh database a cheap copy.
 */
export default async function globalSetup(): Promise<void> {
  const quiet = { info: () => undefined, debug: () => undefined };
  if (!process.env.TEST_DATABASE_URL) {
    const db = await startEmbeddedPostgres(path.resolve(__dirname, '../../.test-data'), quiet, {
      adoptOrphan: false,
    });
    process.env.TEST_DATABASE_URL = db.url;
    (globalThis as { __stopTestPostgres?: () => Promise<void> }).__stopTestPostgres = db.stop;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  process.env.CHRONOCART_TEST_TEMPLATE = `chronocart_test_template_${process.pid}`;
  const template = templateDatabase();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  await migrate(withDatabase(adminUrl, template), () => undefined);
}
