/** Where a live feed starts: what the caller saw last, compared in feed order. */
export interface ReplayThenLiveOptions<T> {
  /**
   * Starts listening; returns how to stop. Called before `replay` so nothing falls between.
   * Pass `resync` to the pub/sub as `onResync`: when live delivery was interrupted, the feed
   * replays again from the last item it delivered.
   */
  listen: (push: (item: T) => void, resync: () => void) => Promise<() => Promise<void>>;
  /**
   * What happened after `last` (the last item delivered; null: after the caller's own starting
   * point), oldest first.
   */
  replay: (last: T | null) => Promise<T[]>;
  /** True when `item` comes after `last` (so it was not delivered yet). */
  isAfter: (item: T, last: T) => boolean;
  /** Ends the feed after this item (e.g. a ticket that settled). */
  isLast?: (item: T) => boolean;
}

/**
 * Replays what the caller missed, then goes live, with no gap and no duplicate at the switch:
 * listen first and buffer, replay, then pass on only live items newer than the last delivered.
 * A resync does the same again while live: buffer, replay after the last delivered, drain.
 */
export async function replayThenLive<T>(
  options: ReplayThenLiveOptions<T>,
): Promise<AsyncIterableIterator<T>> {
  const queue: T[] = [];
  let waiting: {
    resolve: (result: IteratorResult<T>) => void;
    reject: (error: unknown) => void;
  } | null = null;
  let last: T | null = null;
  let replaying = true;
  let replayAgain = false;
  let ended = false;
  let failure: Error | null = null;
  const buffered: T[] = [];

  const deliver = (item: T) => {
    if (ended || (last !== null && !options.isAfter(item, last))) return;
    last = item;
    if (options.isLast?.(item)) ended = true;
    if (waiting) {
      const { resolve } = waiting;
      waiting = null;
      resolve({ value: item, done: false });
    } else {
      queue.push(item);
    }
  };

  /** Replays (again, while a resync asks for it), then drains what arrived meanwhile. */
  const catchUp = async () => {
    do {
      replayAgain = false;
      for (const item of await options.replay(last)) deliver(item);
    } while (replayAgain && !ended);
    replaying = false;
    for (const item of buffered.splice(0)) deliver(item);
  };

  let stop: () => Promise<void> = () => Promise.resolve();
  const fail = async (error: unknown) => {
    if (ended) return;
    ended = true;
    failure = error instanceof Error ? error : new Error(String(error));
    await stop();
    if (waiting) waiting.reject(failure);
    waiting = null;
  };
  const resync = () => {
    if (ended) return;
    if (replaying) {
      replayAgain = true;
      return;
    }
    replaying = true;
    void catchUp()
      .then(async () => {
        if (ended) await stop();
      }, fail)
      .catch(() => undefined);
  };

  stop = await options.listen((item) => {
    if (replaying) buffered.push(item);
    else deliver(item);
  }, resync);
  try {
    await catchUp();
  } catch (error) {
    await stop();
    throw error;
  }
  if (ended) await stop();

  const finish = async (): Promise<IteratorResult<T>> => {
    ended = true;
    queue.length = 0;
    await stop();
    if (waiting) waiting.resolve({ value: undefined, done: true });
    waiting = null;
    return { value: undefined, done: true };
  };

  const iterator: AsyncIterableIterator<T> = {
    next() {
      const item = queue.shift();
      if (item !== undefined) return Promise.resolve({ value: item, done: false });
      // A failed catch-up ends the feed with its error: the client resumes from what it saw.
      if (failure) return Promise.reject(failure);
      if (ended) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
    return: finish,
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
