import { type Redis } from 'ioredis';
import { withRedis } from '../redis/redis-unavailable';
import { type PubSub, type SubscribeOptions } from './pubsub';

export interface RedisPubSubOptions {
  /** The shared commands connection: PUBLISH goes there. */
  publisher: Redis;
  /**
   * This process's one subscriber connection, created with `autoResubscribe: false`: this class
   * resubscribes after a reconnect itself, so that it knows when the channels are live again.
   */
  subscriber: Redis;
  /** Channels are `<keyPrefix><topic>:<key>`, e.g. `chronocart:orderUpdated:<orderId>`. */
  keyPrefix: string;
  /** A message that could not be read, a listener that threw, a failed (re)subscribe. */
  onError?: (error: unknown) => void;
}

interface Listener {
  deliver(message: unknown, channel: string): void;
  options: SubscribeOptions;
  /** Lost messages since an interruption; nothing is delivered to it until its resync. */
  stale: boolean;
}

interface Channel {
  listeners: Set<Listener>;
  /** Settles once Redis has confirmed the (P)SUBSCRIBE that made it live. */
  confirmed: Promise<void>;
}

type Kind = 'channel' | 'pattern';

const GLOB_SPECIALS = /[*?[\]\\]/g;

/**
 * Pub/sub across processes over one subscriber connection per process, multiplexing every
 * channel. Messages are JSON. After a lost connection it resubscribes every channel, and only
 * then tells the listeners that asked (`onResync`) to catch up on what they missed.
 */
export class RedisPubSub<TopicMap> implements PubSub<TopicMap> {
  private readonly channels = new Map<string, Channel>();
  private readonly patterns = new Map<string, Channel>();
  private interrupted: boolean;
  private closed = false;
  /** Counts lost connections, so that work begun on an old connection leaves the new one be. */
  private connection = 0;
  private readonly handlers: [string, (...args: string[]) => void][];

  constructor(private readonly options: RedisPubSubOptions) {
    const { subscriber } = options;
    this.interrupted = subscriber.status !== 'ready';
    this.handlers = [
      ['message', (channel, raw) => this.dispatch(this.channels.get(channel), channel, raw)],
      [
        'pmessage',
        (pattern, channel, raw) => this.dispatch(this.patterns.get(pattern), channel, raw),
      ],
      ['close', () => this.connectionLost()],
      ['ready', () => void this.restore()],
    ];
    for (const [event, handler] of this.handlers) subscriber.on(event, handler);
  }

  /** True while every channel is subscribed and no listener waits for its resync. */
  get live(): boolean {
    return !this.interrupted && !this.closed;
  }

  async publish<K extends keyof TopicMap & string>(
    topic: K,
    key: string,
    message: TopicMap[K],
  ): Promise<void> {
    await withRedis('pub/sub', () =>
      this.options.publisher.publish(this.channelName(topic, key), JSON.stringify(message)),
    );
  }

  subscribe<K extends keyof TopicMap & string>(
    topic: K,
    key: string,
    listener: (message: TopicMap[K]) => void,
    options: SubscribeOptions = {},
  ): Promise<() => Promise<void>> {
    return this.add('channel', this.channelName(topic, key), {
      deliver: (message) => listener(message as TopicMap[K]),
      options,
      stale: false,
    });
  }

  subscribeAll<K extends keyof TopicMap & string>(
    topic: K,
    listener: (message: TopicMap[K], key: string) => void,
    options: SubscribeOptions = {},
  ): Promise<() => Promise<void>> {
    const start = this.channelName(topic, '');
    return this.add('pattern', `${start.replace(GLOB_SPECIALS, '\\$&')}*`, {
      deliver: (message, channel) => listener(message as TopicMap[K], channel.slice(start.length)),
      options,
      stale: false,
    });
  }

  close(): Promise<void> {
    this.closed = true;
    for (const [event, handler] of this.handlers) this.options.subscriber.off(event, handler);
    this.channels.clear();
    this.patterns.clear();
    return Promise.resolve();
  }

  private channelName(topic: string, key: string): string {
    return `${this.options.keyPrefix}${topic}:${key}`;
  }

  private registry(kind: Kind): Map<string, Channel> {
    return kind === 'channel' ? this.channels : this.patterns;
  }

  private async add(kind: Kind, name: string, listener: Listener): Promise<() => Promise<void>> {
    const registry = this.registry(kind);
    let channel = registry.get(name);
    if (!channel) {
      // While disconnected there is nothing to send: the reconnect subscribes every channel.
      const confirmed =
        this.options.subscriber.status === 'ready' ? this.send(kind, name) : Promise.resolve();
      channel = { listeners: new Set(), confirmed };
      registry.set(name, channel);
    }
    channel.listeners.add(listener);
    if (this.interrupted) this.markStale(listener);
    await channel.confirmed;
    return () => this.remove(kind, name, listener);
  }

  private async remove(kind: Kind, name: string, listener: Listener): Promise<void> {
    const registry = this.registry(kind);
    const channel = registry.get(name);
    if (!channel?.listeners.delete(listener) || channel.listeners.size > 0) return;
    registry.delete(name);
    if (this.options.subscriber.status !== 'ready') return;
    const { subscriber } = this.options;
    // Sent at once, so a SUBSCRIBE to the same channel issued after this one lands after it.
    const sent = kind === 'channel' ? subscriber.unsubscribe(name) : subscriber.punsubscribe(name);
    await sent.catch(() => undefined);
  }

  private async send(kind: Kind, name: string): Promise<void> {
    const { subscriber } = this.options;
    const connection = this.connection;
    try {
      await (kind === 'channel' ? subscriber.subscribe(name) : subscriber.psubscribe(name));
    } catch (error) {
      // The connection died under the command, or misbehaves: start over on a fresh one, whose
      // restore subscribes every channel and resyncs the listeners.
      this.report(error);
      this.reconnect(connection);
    }
  }

  private connectionLost(): void {
    this.connection += 1;
    if (this.closed || this.interrupted) return;
    this.interrupted = true;
    for (const listener of this.allListeners()) this.markStale(listener);
  }

  private async restore(): Promise<void> {
    if (this.closed) return;
    const { subscriber } = this.options;
    const connection = this.connection;
    try {
      const channels = [...this.channels.keys()];
      const patterns = [...this.patterns.keys()];
      if (channels.length > 0) await subscriber.subscribe(...channels);
      if (patterns.length > 0) await subscriber.psubscribe(...patterns);
      // Channels first subscribed while the above was in flight must be live too.
      await Promise.all(
        [...this.channels.values(), ...this.patterns.values()].map((c) => c.confirmed),
      );
    } catch (error) {
      this.report(error);
      this.reconnect(connection);
      return;
    }
    // Lost again meanwhile: the next 'ready' restores.
    if (this.closed || connection !== this.connection) return;
    this.interrupted = false;
    for (const listener of this.allListeners()) {
      if (!listener.stale) continue;
      listener.stale = false;
      this.guard(() => listener.options.onResync?.());
    }
  }

  /** Only listeners that can catch up are held back; the others take what comes, as ever. */
  private markStale(listener: Listener): void {
    const { onResync, onInterrupted } = listener.options;
    if ((!onResync && !onInterrupted) || listener.stale) return;
    listener.stale = true;
    this.guard(() => onInterrupted?.());
  }

  private dispatch(channel: Channel | undefined, name: string, raw: string): void {
    if (!channel) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch (error) {
      this.report(error);
      return;
    }
    for (const listener of [...channel.listeners]) {
      if (!listener.stale) this.guard(() => listener.deliver(message, name));
    }
  }

  private *allListeners(): Iterable<Listener> {
    for (const channel of [...this.channels.values(), ...this.patterns.values()]) {
      yield* channel.listeners;
    }
  }

  private reconnect(connection: number): void {
    if (!this.closed && connection === this.connection) this.options.subscriber.disconnect(true);
  }

  private guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.report(error);
    }
  }

  private report(error: unknown): void {
    this.options.onError?.(error);
  }
}
