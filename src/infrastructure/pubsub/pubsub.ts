/**
 * Fan-out of read-side notifications to every process: in-process when embedded, Redis when
 * REDIS_URL is set. Delivery is at-most-once and best effort; subscribers that must not miss
 * anything replay from the log or read tables by version/position (see the subscriptions).
 */
export interface PubSub<TopicMap> {
  publish<K extends keyof TopicMap & string>(
    topic: K,
    key: string,
    message: TopicMap[K],
  ): Promise<void>;
  /**
   * Resolves once the listener is registered (and live, unless the broker is away: then it goes
   * live when the broker is back, and `onResync` says so); the returned function unsubscribes.
   */
  subscribe<K extends keyof TopicMap & string>(
    topic: K,
    key: string,
    listener: (message: TopicMap[K]) => void,
    options?: SubscribeOptions,
  ): Promise<() => Promise<void>>;
  /** Like `subscribe`, for every key of the topic (e.g. cache invalidation of any product). */
  subscribeAll<K extends keyof TopicMap & string>(
    topic: K,
    listener: (message: TopicMap[K], key: string) => void,
    options?: SubscribeOptions,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * For listeners that must know when they may have missed messages. An implementation that never
 * loses its connection (in-process) never calls these.
 */
export interface SubscribeOptions {
  /**
   * Delivery stopped (the broker connection was lost). Until `onResync`, the listener receives
   * nothing.
   */
  onInterrupted?: () => void;
  /**
   * Delivery resumed: messages published in between were lost, so re-read what they would have
   * said. Every message published after this call is delivered again.
   */
  onResync?: () => void;
}
