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
  /** Resolves once the listener is live; the returned function unsubscribes. */
  subscribe<K extends keyof TopicMap & string>(
    topic: K,
    key: string,
    listener: (message: TopicMap[K]) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
