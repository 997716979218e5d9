import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { WrongExpectedVersion } from '../../../src/infrastructure/event-store/errors';
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

describe('PostgreSQL event store: appending to several streams', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.pool, new PgNotifier(db.url));
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });
  const thing = (n: number) => ({ type: 'Thing', data: { n } });
  const things = (count: number) => Array.from({ length: count }, (_, i) => thing(i));

  /** A client that counts the statements sent through it. */
  function counting(client: pg.PoolClient): { client: pg.PoolClient; statements: () => number } {
    let statements = 0;
    const proxy = new Proxy(client, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property !== 'query' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          statements++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    return { client: proxy, statements: () => statements };
  }

  it('sends one statement for 501 streams as for one', async () => {
    const hot = `hot-${randomUUID()}`;
    await store.appendToStream(hot, things(1), 'no_stream');
    const fresh = Array.from({ length: 500 }, () => `fresh-${randomUUID()}`);
    const client = await db.pool.connect();
    try {
      const counted = counting(client);
      await client.query('BEGIN');
      const results = await store.inTransaction(counted.client).appendToStreams([
        { streamId: hot, events: things(500), expected: 0 },
        ...fresh.map((streamId) => ({
          streamId,
          events: things(3),
          expected: 'no_stream' as const,
        })),
      ]);
      expect(counted.statements()).toBe(1);
      await client.query('COMMIT');
      expect(results[0]!.nextExpectedVersion).toBe(500);
      expect(results.slice(1).every((r) => r.nextExpectedVersion === 2)).toBe(true);
    } finally {
      client.release();
    }
    expect(await store.readStream(hot)).toHaveLength(501);
    expect(await store.readStream(fresh[499]!)).toHaveLength(3);
  });

  it("in the caller's transaction, commits and rolls back with it", async () => {
    const [kept, dropped, wrong] = ['kept', 'dropped', 'wrong'].map((p) => `${p}-${randomUUID()}`);
    await store.appendToStream(wrong!, things(1), 'no_stream');
    await inTransaction(db.pool, (client) =>
      store
        .inTransaction(client)
        .appendToStreams([{ streamId: kept!, events: things(2), expected: 'no_stream' }]),
    );
    const error = await inTransaction(db.pool, (client) =>
      store.inTransaction(client).appendToStreams([
        { streamId: dropped!, events: things(1), expected: 'no_stream' },
        { streamId: wrong!, events: things(1), expected: 'no_stream' },
      ]),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersion);
    expect(error).toMatchObject({ streamId: wrong, actual: 0 });
    expect(await store.readStream(kept!)).toHaveLength(2);
    const dropppedRow = await db.pool.query('SELECT 1 FROM es_streams WHERE stream_id = $1', [
      dropped,
    ]);
    expect(dropppedRow.rows).toEqual([]);
  });

  it('meets a stream another transaction creates meanwhile as a single append would', async () => {
    const [raced, racedAny, other] = ['raced', 'raced-any', 'other'].map(
      (p) => `${p}-${randomUUID()}`,
    );
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      // Not committed: the batch does not see these streams, and its inserts wait for this commit.
      await store.inTransaction(client).appendToStream(raced!, things(1), 'no_stream');
      await store.inTransaction(client).appendToStream(racedAny!, things(2), 'no_stream');
      const refused = store.appendToStreams([
        { streamId: other!, events: things(1), expected: 'no_stream' },
        { streamId: raced!, events: things(1), expected: 'no_stream' },
      ]);
      const accepted = store.appendToStreams([
        { streamId: racedAny!, events: things(1), expected: 'any' },
      ]);
      await new Promise((r) => setTimeout(r, 100));
      await client.query('COMMIT');
      const error = await refused.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersion);
      expect(error).toMatchObject({ streamId: raced, expected: 'no_stream', actual: 0 });
      expect((await accepted)[0]!.events.map((e) => e.version)).toEqual([2]);
    } finally {
      client.release();
    }
    expect(await store.readStream(raced!)).toHaveLength(1);
    expect(await store.readStream(racedAny!)).toHaveLength(3);
    const otherRow = await db.pool.query('SELECT 1 FROM es_streams WHERE stream_id = $1', [other]);
    expect(otherRow.rows).toEqual([]);
  });

  it('lets batches that share streams in opposite orders all succeed', async () => {
    const ids = Array.from({ length: 6 }, () => `shared-${randomUUID()}`);
    await store.appendToStreams(
      ids.map((streamId) => ({ streamId, events: things(1), expected: 'no_stream' })),
    );
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        const order = i % 2 === 0 ? ids : [...ids].reverse();
        return store.appendToStreams(
          order.map((streamId) => ({ streamId, events: things(1), expected: 'stream_exists' })),
        );
      }),
    );
    for (const id of ids) expect(await store.readStream(id)).toHaveLength(13);
  });
});
