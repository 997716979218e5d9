import { type Topics } from '../../projections/topics';
import { type PubSub } from '../pubsub/pubsub';
import { type FencedCache } from './fenced-cache';

/**
 * Keeps a cache of product rows honest: drops a product's row on every `productChanged`, and
 * records how far the products projection's notifications have come (`projectionCommitted`).
 * While the feed is interrupted the cache serves nothing; when it resumes, it starts empty.
 * @returns how to stop listening
 */
export async function invalidateOnProductChanges(
  cache: FencedCache<unknown>,
  pubsub: PubSub<Topics>,
  productsProjection: string,
): Promise<() => Promise<void>> {
  const options = { onInterrupted: () => cache.suspend(), onResync: () => cache.resume() };
  const stops = await Promise.all([
    pubsub.subscribeAll(
      'productChanged',
      (_message, productId) => cache.invalidate(productId),
      options,
    ),
    pubsub.subscribe(
      'projectionCommitted',
      productsProjection,
      (message) => cache.markSeen(message.position),
      options,
    ),
  ]);
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
