import { randomUUID } from 'node:crypto';
import { PgNotifier } from '../../../src/infrastructure/event-store/postgres/pg-notifier';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres/postgres-event-store';
import { type RecordedEvent } from '../../../src/infrastructure/event-store/event-store';
import { inTransaction } from '../../../src/infrastructure/postgres/pool';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  const notifier = new PgNotifier(db.url);
  const store = new PostgresEventStore(db.pool, notifier);
  return {
    store,
    teardown: async () => {
      await store.close();
      await db.drop();
    },
  };
});

describe('PostgreSQL event store: transactions that commit out of order', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase(24);
    store = new PostgresEventStore(db.pool, new PgNotifier(db.url));
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('a live subscriber sees every event of 16 racing appenders exactly once', async () => {
    const appenders = 16;
    const perAppender = 12;
    const expected = appenders * perAppender;
    const start = await store.headPosition();
    const seen: RecordedEvent[] = [];
    let resolve!: () => void;
    const all = new Promise<void>((r) => (resolve = r));
    const sub = store.subscribeToAll(
      { fromPosition: start, eventTypes: ['Raced'], batchSize: 10 },
      (batch) => {
        seen.push(...batch);
        if (seen.length >= expected) resolve();
        return Promise.resolve();
      },
    );
    const sleep = () => `SELECT pg_sleep(${(Math.random() * 0.03).toFixed(3)})`;
    await Promise.all(
      Array.from({ length: appenders }, async (_, a) => {
        const streamId = `race-${randomUUID()}`;
        for (let i = 0; i < perAppender; i++) {
          // The sequence number is taken at insert, visibility comes at commit: sleeping on both
          // sides makes later sequence numbers commit before earlier ones.
          await inTransaction(db.pool, async (client) => {
            await client.query(sleep());
            await store
              .inTransaction(client)
              .appendToStream(
                streamId,
                [{ type: 'Raced', data: { a, i } }],
                i === 0 ? 'no_stream' : i - 1,
              );
            await client.query(sleep());
          });
        }
      }),
    );
    await all;
    await sub.stop();
    expect(seen).toHaveLength(expected);
    expect(new Set(seen.map((e) => e.id)).size).toBe(expected);
    const positions = seen.map((e) => e.position);
    expect([...positions].sort()).toEqual(positions);
  });

  it('a reader does not pass an open transaction, and sees its events once it commits', async () => {
    const start = await store.headPosition();
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await store
        .inTransaction(client)
        .appendToStream(`slow-${randomUUID()}`, [{ type: 'Slow', data: {} }], 'no_stream');
      const fastStream = `fast-${randomUUID()}`;
      await store.appendToStream(fastStream, [{ type: 'Fast', data: {} }], 'no_stream');
      const whileOpen = await store.readAll({
        fromPosition: start,
        maxCount: 100,
        eventTypes: ['Slow', 'Fast'],
      });
      expect(whileOpen).toEqual([]);
      await client.query('COMMIT');
      const after = await store.readAll({
        fromPosition: start,
        maxCount: 100,
        eventTypes: ['Slow', 'Fast'],
      });
      expect(after.map((e) => e.type)).toEqual(['Slow', 'Fast']);
    } finally {
      client.release();
    }
  });

  it('orders the log by transaction id as a number, not as text (9 before 10)', async () => {
    const type = `Numeric-${randomUUID()}`;
    // Hand-written rows with tiny transaction ids: as text, '10' would sort before '9'.
    for (const [tx, version] of [
      ['9', 0],
      ['10', 1],
    ] as const) {
      await db.pool.query(
        `INSERT INTO es_events (transaction_id, stream_id, stream_version, event_id, type, data)
         VALUES ($1::xid8, $2, $3, $4, $5, '{}')`,
        [tx, `numeric-${type}`, version, randomUUID(), type],
      );
    }
    const read = await store.readAll({ fromPosition: null, maxCount: 10, eventTypes: [type] });
    expect(read.map((e) => e.version)).toEqual([0, 1]);
    const after = await store.readAll({
      fromPosition: read[0]!.position,
      maxCount: 10,
      eventTypes: [type],
    });
    expect(after.map((e) => e.version)).toEqual([1]);
  });
});
