import { FencedCache } from '../../../src/infrastructure/cache/fenced-cache';
import { invalidateOnProductChanges } from '../../../src/infrastructure/cache/product-cache-invalidation';
import { readThrough } from '../../../src/infrastructure/cache/read-through';
import { type Topics } from '../../../src/projections/topics';
import { openPubSub, signal, type PubSubProcess } from './support/pubsub-process';
import { describeWithRedis } from './support/redis-test-env';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { waitFor } from './support/wait-for';

interface Row {
  id: string;
  price: number;
}

/** A table the test changes by hand, counting how often it is read. */
function table(rows: Row[]) {
  const byId = new Map(rows.map((row) => [row.id, { ...row }]));
  let gate: Promise<void> = Promise.resolve();
  const source = {
    reads: 0,
    set(id: string, price: number) {
      byId.set(id, { id, price });
    },
    /** Holds the next reads (after they took their snapshot) until the returned function runs. */
    hold(): () => void {
      const release = signal();
      gate = release.promise;
      return () => release.resolve();
    },
    load: async (ids: string[]): Promise<Row[]> => {
      source.reads += 1;
      const snapshot = ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [{ ...row }] : [];
      });
      await gate;
      return snapshot;
    },
  };
  return source;
}

const newCache = (now?: () => number) =>
  new FencedCache<Row>({ maxEntries: 3, ttlMs: 60_000, ...(now ? { now } : {}) });
const read = (cache: FencedCache<Row>, source: ReturnType<typeof table>, ids: string[]) =>
  readThrough(cache, ids, source.load, (row) => row.id);

describe('FencedCache read-through', () => {
  it('reads the source once for what it lacks, in the order asked, leaving out unknown ids', async () => {
    const source = table([
      { id: 'a', price: 1 },
      { id: 'b', price: 2 },
    ]);
    const cache = newCache();
    expect(await read(cache, source, ['b', 'a', 'b', 'nope'])).toEqual([
      { id: 'b', price: 2 },
      { id: 'a', price: 1 },
    ]);
    expect(await read(cache, source, ['a', 'b'])).toEqual([
      { id: 'a', price: 1 },
      { id: 'b', price: 2 },
    ]);
    expect(source.reads).toBe(1);
    // Unknown ids are not cached: a product created later is found.
    source.set('nope', 3);
    expect(await read(cache, source, ['nope'])).toEqual([{ id: 'nope', price: 3 }]);
  });

  it('after an invalidation it reads the source again', async () => {
    const source = table([{ id: 'a', price: 1 }]);
    const cache = newCache();
    await read(cache, source, ['a']);
    source.set('a', 5);
    cache.invalidate('a');
    expect(await read(cache, source, ['a'])).toEqual([{ id: 'a', price: 5 }]);
  });

  it('a read of the source that started before an invalidation does not put the old row back', async () => {
    const source = table([{ id: 'a', price: 1 }]);
    const cache = newCache();
    const release = source.hold();
    const slow = read(cache, source, ['a']);
    source.set('a', 2);
    cache.invalidate('a');
    release();
    expect(await slow).toEqual([{ id: 'a', price: 1 }]);
    expect(cache.get('a')).toBeUndefined();
    expect(await read(cache, source, ['a'])).toEqual([{ id: 'a', price: 2 }]);
  });

  it('serves and keeps nothing while suspended, and starts empty when resumed', async () => {
    const source = table([{ id: 'a', price: 1 }]);
    const cache = newCache();
    await read(cache, source, ['a']);
    cache.suspend();
    await read(cache, source, ['a']);
    expect(source.reads).toBe(2);
    expect(cache.size).toBe(0);
    cache.resume();
    await read(cache, source, ['a']);
    await read(cache, source, ['a']);
    expect(source.reads).toBe(3);
  });

  it('after a read-your-writes wait it serves nothing until its feed has seen that position', async () => {
    const source = table([{ id: 'a', price: 1 }]);
    const cache = newCache();
    cache.markSeen('0000000010');
    await read(cache, source, ['a']);
    cache.requirePosition('0000000012');
    expect(cache.get('a')).toBeUndefined();
    cache.markSeen('0000000011');
    expect(cache.get('a')).toBeUndefined();
    cache.markSeen('0000000012');
    expect(cache.get('a')).toEqual({ id: 'a', price: 1 });
  });

  it('drops the least recently used beyond its size, and entries past their TTL', async () => {
    let now = 0;
    const source = table(['a', 'b', 'c', 'd'].map((id) => ({ id, price: 1 })));
    const cache = newCache(() => now);
    await read(cache, source, ['a', 'b', 'c']);
    cache.get('a');
    await read(cache, source, ['d']);
    expect(['a', 'b', 'c', 'd'].map((id) => cache.get(id) !== undefined)).toEqual([
      true,
      false,
      true,
      true,
    ]);
    now += 60_000;
    expect(cache.get('a')).toBeUndefined();
  });
});

describeWithRedis('product cache invalidated over Redis', (env) => {
  let proxy: TcpProxy;
  let projector: PubSubProcess<Topics>;
  let api: PubSubProcess<Topics>;
  let cache: FencedCache<Row>;
  let source: ReturnType<typeof table>;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const prefix = env.freshPrefix();
    proxy = await startTcpProxy(env.baseUrl);
    projector = await openPubSub<Topics>(env.baseUrl, prefix);
    api = await openPubSub<Topics>(env.baseUrl, prefix, proxy.url);
    cache = newCache();
    source = table([{ id: 'p1', price: 100 }]);
    stop = await invalidateOnProductChanges(cache, api.pubsub, 'products');
  });
  afterAll(async () => {
    await stop();
    await Promise.all([projector.close(), api.close()]);
    await proxy.close();
  });

  /** As the products projector does: the row changes, then productChanged and projectionCommitted. */
  const commit = async (price: number, position: string) => {
    source.set('p1', price);
    await projector.pubsub.publish('productChanged', 'p1', { productId: 'p1', position });
    await projector.pubsub.publish('projectionCommitted', 'products', {
      projection: 'products',
      position,
    });
  };
  /** A productChanged of another product, to know when everything before it has arrived. */
  const arrived = async () => {
    const done = signal();
    const stopSentinel = await api.pubsub.subscribe('productChanged', 'sentinel', () =>
      done.resolve(),
    );
    await projector.pubsub.publish('productChanged', 'sentinel', {
      productId: 'sentinel',
      position: '',
    });
    await done.promise;
    await stopSentinel();
  };

  it("another process's productChanged drops the row here", async () => {
    expect(await read(cache, source, ['p1'])).toEqual([{ id: 'p1', price: 100 }]);
    await commit(120, '0000000001');
    await arrived();
    expect(await read(cache, source, ['p1'])).toEqual([{ id: 'p1', price: 120 }]);
    expect(source.reads).toBe(2);
  });

  it('serves nothing while the feed is away, and starts afresh when it is back', async () => {
    await read(cache, source, ['p1']);
    proxy.cut();
    // While away it serves nothing: a change it cannot hear of is never served stale.
    await waitFor('the feed to be interrupted', () => !api.pubsub.live);
    source.set('p1', 130);
    expect(await read(cache, source, ['p1'])).toEqual([{ id: 'p1', price: 130 }]);
    proxy.restore();
    await waitFor('the feed to resume', () => api.pubsub.live);
    await commit(140, '0000000002');
    await arrived();
    expect(await read(cache, source, ['p1'])).toEqual([{ id: 'p1', price: 140 }]);
  });
});
