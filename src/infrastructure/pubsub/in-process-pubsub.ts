import { EventEmitter } from 'node:events';
import { type PubSub } from './pubsub';

/**
 * A real pub/sub for one process (the embedded default). It has no connection to lose, so it
 * never interrupts delivery and ignores the subscribe options.
 */
export class InProcessPubSub<TopicMap> implements PubSub<TopicMap> {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  /** Topic-wide listeners, apart so that no key can be mistaken for a topic. */
  private readonly topicEmitter = new EventEmitter().setMaxListeners(0);

  publish<K extends keyof TopicMap & string>(
    topic: K,
    key: string,
    message: TopicMap[K],
  ): Promise<void> {
    this.emitter.emit(`${topic}:${key}`, message);
    this.topicEmitter.emit(topic, message, key);
    return Promise.resolve();
  }

  subscribe<K extends keyof TopicMap & string>(
    topic: K,
    key: string,
    listener: (message: TopicMap[K]) => void,
  ): Promise<() => Promise<void>> {
    return Promise.resolve(this.listen(this.emitter, `${topic}:${key}`, listener));
  }

  subscribeAll<K extends keyof TopicMap & string>(
    topic: K,
    listener: (message: TopicMap[K], key: string) => void,
  ): Promise<() => Promise<void>> {
    return Promise.resolve(this.listen(this.topicEmitter, topic, listener));
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    this.topicEmitter.removeAllListeners();
    return Promise.resolve();
  }

  private listen<A extends unknown[]>(
    emitter: EventEmitter,
    channel: string,
    listener: (...args: A) => void,
  ): () => Promise<void> {
    const handler = (...args: unknown[]) => listener(...(args as A));
    emitter.on(channel, handler);
    return () => {
      emitter.off(channel, handler);
      return Promise.resolve();
    };
  }
}
