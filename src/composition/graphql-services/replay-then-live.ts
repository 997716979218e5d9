/** Where a live feed starts: what the caller saw last, compared in feed order. */
export interface ReplayThenLiveOptions<T> {
  /** Starts listening; returns how to stop. Called before `replay` so nothing falls between. */
  listen: (push: (item: T) => void) => Promise<() => Promise<void>>;
  /** What happened after the caller's last known point, oldest first. */
  replay: () => Promise<T[]>;
  /** True when `item` comes after `last` (so it was not delivered yet). */
  isAfter: (item: T, last: T) => boolean;
  /** Ends the feed after this item (e.g. a ticket that settled). */
  isLast?: (item: T) => boolean;
}

/**
 * Replays what the caller missed, then goes live, with no gap and no duplicate at the switch:
 * listen first and buffer, replay, then pass on only live items newer than the last delivered.
 */
export async function replayThenLive<T>(
  options: ReplayThenLiveOptions<T>,
): Promise<AsyncIterableIterator<T>> {
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | null = null;
  let last: T | null = null;
  let replaying = true;
  let ended = false;
  const buffered: T[] = [];

  const deliver = (item: T) => {
    if (ended || (last !== null && !options.isAfter(item, last))) return;
    last = item;
    if (options.isLast?.(item)) ended = true;
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve({ value: item, done: false });
    } else {
      queue.push(item);
    }
  };

  const stop = await options.listen((item) => {
    if (replaying) buffered.push(item);
    else deliver(item);
  });
  try {
    for (const item of await options.replay()) deliver(item);
  } catch (error) {
    await stop();
    throw error;
  }
  replaying = false;
  for (const item of buffered) deliver(item);
  if (ended) await stop();

  const finish = async (): Promise<IteratorResult<T>> => {
    ended = true;
    queue.length = 0;
    await stop();
    if (waiting) waiting({ value: undefined, done: true });
    waiting = null;
    return { value: undefined, done: true };
  };

  const iterator: AsyncIterableIterator<T> = {
    next() {
      const item = queue.shift();
      if (item !== undefined) return Promise.resolve({ value: item, done: false });
      if (ended) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: finish,
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
