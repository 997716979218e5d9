import { type Topics } from '../../projections/topics';
import { type PubSub } from '../pubsub/pubsub';
import { type FencedCache } from './fenced-cache';

/**
 * Keeps caches of the products read model honest: drops a product's row on every
 * `productChanged` (and all of each cache in `wholeSets`, whose entries depend on any product,
 * such as search pages), and records how far the products projection's notifications have come
 * (`projectionCommitted`). While the feed is interrupted the caches serve nothing; when it
 * resumes, they start empty.
 * @returns how to stop listening
 */
export async function invalidateOnProductChanges(
  cache: FencedCache<unknown>,
  pubsub: PubSub<Topics>,
  productsProjection: string,
  wholeSets: readonly FencedCache<unknown>[] = [],
): Promise<() => Promise<void>> {
  const all = [cache, ...wholeSets];
  const options = {
    onInterrupted: () => all.forEach((c) => c.suspend()),
    onResync: () => all.forEach((c) => c.resume()),
  };
  const stops = await Promise.all([
    pubsub.subscribeAll(
      'productChanged',
      (_message, productId) => {
        cache.invalidate(productId);
        for (const set of wholeSets) set.invalidateAll();
      },
      options,
    ),
    pubsub.subscribe(
      'projectionCommitted',
      productsProjection,
      (message) => all.forEach((c) => c.markSeen(message.position)),
      options,
    ),
  ]);
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
