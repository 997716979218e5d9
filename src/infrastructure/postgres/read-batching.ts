import DataLoader from 'dataloader';

/** `rows` in the order of `keys` (null where a key has no row); a key may repeat. */
export function alignById<T>(
  keys: readonly string[],
  rows: readonly T[],
  idOf: (row: T) => string,
): (T | null)[] {
  const byId = new Map(rows.map((row) => [idOf(row), row]));
  return keys.map((key) => byId.get(key) ?? null);
}

/**
 * Batches the reads of every request in flight: the keys asked for during one turn of the event
 * loop (every request the poll phase handed over) go to the database as one query. Each request
 * still has its own DataLoaders for caching; this one caches nothing, so every read sees the
 * database as it is when the batch runs, which is after the read was asked for.
 */
export function acrossRequests<V>(
  load: (keys: readonly string[]) => Promise<readonly (V | null)[]>,
): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(load, {
    cache: false,
    maxBatchSize: 1000,
    batchScheduleFn: (run) => setImmediate(run),
  });
}

/** The rows found for `keys`, in order; rejects if the batch failed. */
export async function loadPresent<V>(
  loader: DataLoader<string, V | null>,
  keys: readonly string[],
): Promise<V[]> {
  const values: (V | null)[] = await Promise.all(keys.map((key) => loader.load(key)));
  return values.filter((value): value is V => value !== null);
}
