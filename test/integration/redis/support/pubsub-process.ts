import { type Redis } from 'ioredis';
import { RedisPubSub } from '../../../../src/infrastructure/pubsub/redis-pubsub';
import {
  closeRedis,
  connectRedis,
  whenReady,
} from '../../../../src/infrastructure/redis/redis-connection';

/** The pub/sub of one simulated process: its own two connections, as the app makes them. */
export interface PubSubProcess<TopicMap> {
  pubsub: RedisPubSub<TopicMap>;
  publisher: Redis;
  subscriber: Redis;
  errors: unknown[];
  close(): Promise<void>;
}

/**
 * `subscriberUrl` lets a test route the subscriber connection through a proxy it can cut while
 * the publisher keeps its own way to Redis.
 */
export async function openPubSub<TopicMap>(
  url: string,
  keyPrefix: string,
  subscriberUrl = url,
): Promise<PubSubProcess<TopicMap>> {
  const publisher = connectRedis({ url, keyPrefix }, 'commands');
  const subscriber = connectRedis({ url: subscriberUrl, keyPrefix }, 'subscriber');
  // Failed reconnects during a test's outage are expected; ioredis would print each one.
  for (const client of [publisher, subscriber]) client.on('error', () => undefined);
  await Promise.all([whenReady(publisher, 5_000), whenReady(subscriber, 5_000)]);
  const errors: unknown[] = [];
  const pubsub = new RedisPubSub<TopicMap>({
    publisher,
    subscriber,
    keyPrefix,
    onError: (error) => errors.push(error),
  });
  return {
    pubsub,
    publisher,
    subscriber,
    errors,
    async close() {
      await pubsub.close();
      await Promise.all([closeRedis(publisher), closeRedis(subscriber)]);
    },
  };
}

/** A promise with its resolve at hand, for "wait until this callback has run". */
export function signal<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
