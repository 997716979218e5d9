import { EventEmitter } from 'node:events';
import { type PubSub } from './pubsub';

/** A real pub/sub for one process (the embedded default). */
export class InProcessPubSub<TopicMap> implements PubSub<TopicMap> {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish<K extends keyof TopicMap & string>(
    topic: K,
    key: string,
    message: TopicMap[K],
  ): Promise<void> {
    this.emitter.emit(`${topic}:${key}`, message);
    return Promise.resolve();
  }

  subscribe<K extends keyof TopicMap & string>(
    topic: K,
    key: string,
    listener: (message: TopicMap[K]) => void,
  ): Promise<() => Promise<void>> {
    const channel = `${topic}:${key}`;
    this.emitter.on(channel, listener);
    return Promise.resolve(() => {
      this.emitter.off(channel, listener);
      return Promise.resolve();
    });
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}
