import { InProcessPubSub } from '../../../src/infrastructure/pubsub/in-process-pubsub';
import { type PubSub } from '../../../src/infrastructure/pubsub/pubsub';
import { redisConnectionName } from '../../../src/infrastructure/redis/redis-connection';
import { openPubSub, signal, type PubSubProcess } from './support/pubsub-process';
import { clientIds, describeWithRedis, killClients } from './support/redis-test-env';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { waitFor } from './support/wait-for';

interface TestTopics {
  note: { n: number };
  other: { n: number };
}

/** Collects what a listener receives; `until(n)` resolves once it holds n messages. */
function inbox<T>() {
  const received: T[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    received,
    push(message: T) {
      received.push(message);
      for (const w of [...waiters]) {
        if (received.length >= w.count) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    },
    until(count: number): Promise<void> {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}

/** What every PubSub keeps, whichever its transport; run once per adapter. */
function describePubSubBasics(
  name: string,
  open: () => Promise<{ a: PubSub<TestTopics>; b: PubSub<TestTopics>; close(): Promise<void> }>,
) {
  describe(`PubSub basics: ${name}`, () => {
    let a: PubSub<TestTopics>;
    let b: PubSub<TestTopics>;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ a, b, close } = await open());
    });
    afterAll(() => close());

    it('delivers a message to every subscriber of its topic and key, and only to them', async () => {
      const [first, second, otherKey] = [inbox<{ n: number }>(), inbox<{ n: number }>(), inbox()];
      const stops = await Promise.all([
        b.subscribe('note', 'k1', (m) => first.push(m)),
        b.subscribe('note', 'k1', (m) => second.push(m)),
        b.subscribe('note', 'k2', (m) => otherKey.push(m)),
      ]);
      await a.publish('note', 'k1', { n: 1 });
      await Promise.all([first.until(1), second.until(1)]);
      // A later message on k2 arrives after k1's would have: k2 saw nothing of k1.
      await a.publish('note', 'k2', { n: 2 });
      await otherKey.until(1);
      expect(first.received).toEqual([{ n: 1 }]);
      expect(second.received).toEqual([{ n: 1 }]);
      expect(otherKey.received).toEqual([{ n: 2 }]);
      await Promise.all(stops.map((stop) => stop()));
    });

    it('subscribeAll hears every key of its topic, and says which', async () => {
      const all = inbox<[{ n: number }, string]>();
      const stop = await b.subscribeAll('note', (m, key) => all.push([m, key]));
      await a.publish('note', 'x', { n: 1 });
      await a.publish('other', 'x', { n: 2 });
      await a.publish('note', 'y:with:colons', { n: 3 });
      await all.until(2);
      expect(all.received).toEqual([
        [{ n: 1 }, 'x'],
        [{ n: 3 }, 'y:with:colons'],
      ]);
      await stop();
    });

    it('after unsubscribing a listener hears nothing more; the others still do', async () => {
      const [gone, kept] = [inbox(), inbox()];
      const stopGone = await b.subscribe('note', 'u', (m) => gone.push(m));
      const stopKept = await b.subscribe('note', 'u', (m) => kept.push(m));
      await stopGone();
      await a.publish('note', 'u', { n: 1 });
      await kept.until(1);
      expect(gone.received).toEqual([]);
      await stopKept();
    });
  });
}

describePubSubBasics('in-process', () => {
  const pubsub = new InProcessPubSub<TestTopics>();
  return Promise.resolve({ a: pubsub, b: pubsub, close: () => pubsub.close() });
});

describeWithRedis('RedisPubSub', (env) => {
  describePubSubBasics('Redis, two processes', async () => {
    const prefix = env.freshPrefix();
    const [a, b] = await Promise.all([
      openPubSub<TestTopics>(env.baseUrl, prefix),
      openPubSub<TestTopics>(env.baseUrl, prefix),
    ]);
    return {
      a: a.pubsub,
      b: b.pubsub,
      close: async () => {
        await Promise.all([a.close(), b.close()]);
      },
    };
  });

  describe('one process', () => {
    let process: PubSubProcess<TestTopics>;
    let prefix: string;
    beforeEach(async () => {
      prefix = env.freshPrefix();
      process = await openPubSub<TestTopics>(env.baseUrl, prefix);
    });
    afterEach(() => process.close());

    it('multiplexes every channel over its one subscriber connection', async () => {
      const stops = await Promise.all([
        ...Array.from({ length: 25 }, (_, i) =>
          process.pubsub.subscribe('note', `k${i}`, () => undefined),
        ),
        process.pubsub.subscribeAll('other', () => undefined),
      ]);
      const name = redisConnectionName({ url: env.baseUrl, keyPrefix: prefix }, 'subscriber');
      const lines = ((await env.admin.client('LIST')) as string)
        .split('\n')
        .filter((line) => line.includes(` name=${name} `));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/ sub=25 psub=1 /);
      await Promise.all(stops.map((stop) => stop()));
    });

    it('uses its prefix for channels: another prefix hears nothing of it', async () => {
      const stranger = await openPubSub<TestTopics>(env.baseUrl, env.freshPrefix());
      const [heard, sentinel] = [inbox(), inbox()];
      await stranger.pubsub.subscribe('note', 'k', (m) => heard.push(m));
      await stranger.pubsub.subscribe('note', 'sentinel', (m) => sentinel.push(m));
      await process.pubsub.publish('note', 'k', { n: 1 });
      await stranger.pubsub.publish('note', 'sentinel', { n: 2 });
      await sentinel.until(1);
      expect(heard.received).toEqual([]);
      await stranger.close();
    });

    it('a malformed message or a throwing listener is reported and delivery goes on', async () => {
      const got = inbox<{ n: number }>();
      let calls = 0;
      await process.pubsub.subscribe('note', 'k', (m) => {
        calls += 1;
        if (calls === 1) throw new Error('listener bug');
        got.push(m);
      });
      await env.admin.publish(`${prefix}note:k`, 'not json');
      await process.pubsub.publish('note', 'k', { n: 1 });
      await process.pubsub.publish('note', 'k', { n: 2 });
      await got.until(1);
      expect(got.received).toEqual([{ n: 2 }]);
      expect(process.errors.map(String)).toEqual([
        expect.stringContaining('JSON'),
        'Error: listener bug',
      ]);
    });

    it('after its connection is killed it resubscribes, tells its listeners, and delivers again', async () => {
      const [interrupted, resynced] = [signal(), signal()];
      const [careful, plain] = [inbox(), inbox()];
      let resyncs = 0;
      await process.pubsub.subscribe('note', 'k', (m) => careful.push(m), {
        onInterrupted: () => interrupted.resolve(),
        onResync: () => {
          resyncs += 1;
          resynced.resolve();
        },
      });
      await process.pubsub.subscribe('note', 'k', (m) => plain.push(m));
      expect(process.pubsub.live).toBe(true);

      const name = redisConnectionName({ url: env.baseUrl, keyPrefix: prefix }, 'subscriber');
      await expect(killClients(env.admin, name)).resolves.toBe(1);
      await interrupted.promise;
      await resynced.promise;
      expect(process.pubsub.live).toBe(true);
      expect(await clientIds(env.admin, name)).toHaveLength(1);

      await process.pubsub.publish('note', 'k', { n: 1 });
      await Promise.all([careful.until(1), plain.until(1)]);
      expect(careful.received).toEqual([{ n: 1 }]);
      expect(plain.received).toEqual([{ n: 1 }]);
      expect(resyncs).toBe(1);
    });
  });

  describe('when Redis goes away from the subscriber and comes back', () => {
    let proxy: TcpProxy;
    let publisher: PubSubProcess<TestTopics>;
    let subscriber: PubSubProcess<TestTopics>;
    beforeEach(async () => {
      const prefix = env.freshPrefix();
      proxy = await startTcpProxy(env.baseUrl);
      publisher = await openPubSub<TestTopics>(env.baseUrl, prefix);
      subscriber = await openPubSub<TestTopics>(env.baseUrl, prefix, proxy.url);
    });
    afterEach(async () => {
      await Promise.all([publisher.close(), subscriber.close()]);
      await proxy.close();
    });

    it('holds back resync listeners until every channel is live again, then delivers all', async () => {
      const events: string[] = [];
      const [interrupted, resynced] = [signal(), signal()];
      const got = inbox<{ n: number }>();
      await subscriber.pubsub.subscribe('note', 'k', (m) => got.push(m), {
        onInterrupted: () => {
          events.push('interrupted');
          interrupted.resolve();
        },
        onResync: () => {
          events.push('resync');
          resynced.resolve();
        },
      });

      proxy.cut();
      await interrupted.promise;
      expect(subscriber.pubsub.live).toBe(false);
      await publisher.pubsub.publish('note', 'k', { n: 1 });
      // Subscribing while Redis is away neither hangs nor fails: it goes live on reconnect.
      const late = inbox<{ n: number }>();
      const lateResync = signal();
      await subscriber.pubsub.subscribe('note', 'late', (m) => late.push(m), {
        onResync: () => lateResync.resolve(),
      });

      proxy.restore();
      await Promise.all([resynced.promise, lateResync.promise]);
      await publisher.pubsub.publish('note', 'k', { n: 2 });
      await publisher.pubsub.publish('note', 'late', { n: 3 });
      await Promise.all([got.until(1), late.until(1)]);
      expect(got.received).toEqual([{ n: 2 }]);
      expect(late.received).toEqual([{ n: 3 }]);
      expect(events).toEqual(['interrupted', 'resync']);
    });

    it('publishing while Redis is away fails at once with a clear error', async () => {
      const cutOff = await openPubSub<TestTopics>(proxy.url, env.freshPrefix());
      proxy.cut();
      await waitFor('the lost connection to be noticed', () => cutOff.publisher.status !== 'ready');
      await expect(cutOff.pubsub.publish('note', 'k', { n: 1 })).rejects.toThrow(
        /Redis is unavailable for pub\/sub/,
      );
      proxy.restore();
      await waitFor('the reconnect', () =>
        [cutOff.publisher, cutOff.subscriber].every((c) => c.status === 'ready'),
      );
      await cutOff.close();
    });
  });
});
