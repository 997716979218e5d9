import 'reflect-metadata';
import dotenv from 'dotenv';
import { AppError } from '../application/app-error';
import { CatalogService } from '../application/catalog/catalog-service';
import { CommandExecutor } from '../application/commands/command-executor';
import { openDatabase } from '../composition/database';
import { createEventStore } from '../composition/event-store';
import { ConfigError, loadConfig } from '../infrastructure/config/config';
import { createLogger } from '../infrastructure/logging/logger';
import { createPool } from '../infrastructure/postgres/pool';
import { demoCatalog } from './demo-catalog';

/** `npm run seed`: the demo catalog, once; products whose SKU exists are left as they are. */
async function seed(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const database = await openDatabase(config, logger, 'cli');
  const pool = createPool(database.url, { max: 4 });
  const eventStore = createEventStore(config, database.url, pool);
  const catalog = new CatalogService(new CommandExecutor(eventStore), pool);
  const seeder = { userId: '00000000-0000-4000-8000-000000000000', role: 'ADMIN' as const };
  let created = 0;
  try {
    for (const product of demoCatalog) {
      try {
        await catalog.createProduct(seeder, product);
        created++;
      } catch (error) {
        if (!(error instanceof AppError && error.details?.reason === 'SKU_TAKEN')) throw error;
      }
    }
    process.stdout.write(
      `Seeded ${created} products (${demoCatalog.length - created} were already there).\n`,
    );
  } finally {
    await eventStore.close();
    await pool.end();
    await database.stop();
  }
}

seed().catch((error: unknown) => {
  const message =
    error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`Seeding failed: ${message}\n`);
  process.exit(1);
});
