import pg from 'pg';
import { templateDatabase } from './database-url';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase()}`).catch(() => undefined);
    await admin.end();
  }
  const stop = (globalThis as { __stopTestPostgres?: () => Promise<void> }).__stopTestPostgres;
  await stop?.();
}
