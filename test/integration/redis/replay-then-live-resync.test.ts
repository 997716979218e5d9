import { replayThenLive } from '../../../src/composition/graphql-services/replay-then-live';
import { openPubSub, signal, type PubSubProcess } from './support/pubsub-process';
import { describeWithRedis } from './support/redis-test-env';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

interface Update {
  version: number;
}

/**
 * A read table and a pub/sub in one, driven by hand: `commit` writes the log and publishes,
 * `lose` writes the log while delivery is interrupted, `resync` says delivery is back.
 */
function fakeFeed() {
  const log: Update[] = [];
  const replays: (number | null)[] = [];
  let push: ((item: Update) => void) | null = null;
  let resync: (() => void) | null = null;
  let replayGate: Promise<void> = Promise.resolve();
  return {
    replays,
    commit(version: number) {
      log.push({ version });
      push?.({ version });
    },
    lose(version: number) {
      log.push({ version });
    },
    resync: () => resync?.(),
    /** Holds replays until the returned function is called. */
    holdReplays(): () => void {
      const gate = signal();
      replayGate = gate.promise;
      return () => gate.resolve();
    },
    failReplays() {
      replayGate = Promise.reject(new Error('read table unavailable'));
      replayGate.catch(() => undefined);
    },
    open(fromVersion: number | null) {
      return replayThenLive<Update>({
        listen: (p, r) => {
          push = p;
          resync = r;
          return Promise.resolve(() => {
            push = null;
            return Promise.resolve();
          });
        },
        replay: async (last) => {
          replays.push(last?.version ?? null);
          await replayGate;
          const after = last?.version ?? fromVersion ?? -1;
          return log.filter((u) => u.version > after);
        },
        isAfter: (item, last) => item.version > last.version,
      });
    },
  };
}

async function take(feed: AsyncIterator<Update>, count: number): Promise<number[]> {
  const versions: number[] = [];
  while (versions.length < count) {
    const next = await feed.next();
    if (next.done) break;
    versions.push(next.value.version);
  }
  return versions;
}

describe('replayThenLive after a resync', () => {
  it('replays what the interruption lost, from the last delivered item, once and in order', async () => {
    const source = fakeFeed();
    source.commit(0);
    const feed = await source.open(null);
    source.commit(1);
    expect(await take(feed, 2)).toEqual([0, 1]);

    source.lose(2);
    source.lose(3);
    source.resync();
    source.commit(4);
    expect(await take(feed, 3)).toEqual([2, 3, 4]);
    expect(source.replays).toEqual([null, 1]);
    await feed.return!();
  });

  it('holds live items that arrive during the resync replay until the replay is delivered', async () => {
    const source = fakeFeed();
    const feed = await source.open(null);
    source.commit(1);
    expect(await take(feed, 1)).toEqual([1]);

    const release = source.holdReplays();
    source.lose(2);
    source.resync();
    source.commit(3);
    source.commit(4);
    release();
    source.commit(5);
    expect(await take(feed, 4)).toEqual([2, 3, 4, 5]);
    await feed.return!();
  });

  it('a resync during a replay replays once more before going live', async () => {
    const source = fakeFeed();
    const feed = await source.open(null);
    const release = source.holdReplays();
    source.resync();
    source.lose(1);
    source.resync();
    release();
    source.commit(2);
    expect(await take(feed, 2)).toEqual([1, 2]);
    expect(source.replays).toEqual([null, null, 2]);
    await feed.return!();
  });

  it('a resync whose replay fails ends the feed with that error', async () => {
    const source = fakeFeed();
    const feed = await source.open(null);
    source.commit(1);
    expect(await take(feed, 1)).toEqual([1]);
    source.failReplays();
    source.resync();
    await expect(feed.next()).rejects.toThrow('read table unavailable');
  });
});

describeWithRedis('replayThenLive over RedisPubSub across a Redis outage', (env) => {
  let proxy: TcpProxy;
  let projector: PubSubProcess<{ update: Update }>;
  let api: PubSubProcess<{ update: Update }>;
  beforeAll(async () => {
    const prefix = env.freshPrefix();
    proxy = await startTcpProxy(env.baseUrl);
    projector = await openPubSub(env.baseUrl, prefix);
    api = await openPubSub(env.baseUrl, prefix, proxy.url);
  });
  afterAll(async () => {
    await Promise.all([projector.close(), api.close()]);
    await proxy.close();
  });

  it('the subscriber gets every update exactly once, those published while Redis was away too', async () => {
    const log: Update[] = [];
    /** As the projectors do: the row commits first, the notification follows it. */
    const commit = async (version: number) => {
      log.push({ version });
      await projector.pubsub.publish('update', 'order-1', { version }).catch(() => undefined);
    };
    const interrupted = signal();
    const resynced = signal();
    const feed = await replayThenLive<Update>({
      listen: (push, onResync) =>
        api.pubsub.subscribe('update', 'order-1', push, {
          onInterrupted: () => interrupted.resolve(),
          onResync: () => {
            onResync();
            resynced.resolve();
          },
        }),
      replay: (last) =>
        Promise.resolve(
          log.filter((u) => u.version > (last?.version ?? -1)).map((u) => ({ ...u })),
        ),
      isAfter: (item, last) => item.version > last.version,
    });

    await commit(1);
    expect(await take(feed, 1)).toEqual([1]);

    proxy.cut();
    await interrupted.promise;
    for (const version of [2, 3, 4]) await commit(version);
    proxy.restore();
    await resynced.promise;
    for (const version of [5, 6]) await commit(version);

    expect(await take(feed, 5)).toEqual([2, 3, 4, 5, 6]);
    // A sentinel after everything: had anything been delivered twice, it would come before it.
    await commit(7);
    expect(await take(feed, 1)).toEqual([7]);
    await feed.return!();
  });
});
