import { type FencedCache } from './fenced-cache';

/**
 * The values for `keys` (each key once, in the order given; keys the source does not have are
 * left out): cached ones from the cache, the rest from one `load` call, which are then cached.
 */
export async function readThrough<V>(
  cache: FencedCache<V>,
  keys: readonly string[],
  load: (keys: string[]) => Promise<V[]>,
  keyOf: (value: V) => string,
): Promise<V[]> {
  const unique = [...new Set(keys)];
  const found = new Map<string, V>();
  const misses: string[] = [];
  for (const key of unique) {
    const value = cache.get(key);
    if (value === undefined) misses.push(key);
    else found.set(key, value);
  }
  if (misses.length > 0) {
    const fills = misses.map((key) => [key, cache.beginFill(key)] as const);
    let loaded: V[] = [];
    try {
      loaded = await load(misses);
    } finally {
      const byKey = new Map(loaded.map((value) => [keyOf(value), value]));
      for (const [key, token] of fills) {
        const value = byKey.get(key);
        if (value !== undefined) found.set(key, value);
        cache.completeFill(key, token, value);
      }
    }
  }
  return unique.flatMap((key) => {
    const value = found.get(key);
    return value === undefined ? [] : [value];
  });
}
