import net from 'node:net';

/**
 * A TCP proxy in front of Redis that a test can cut and restore, to take Redis away from one
 * process only: while cut, open connections are dropped and new ones closed at once, as when
 * Redis is down, while every other client of the shared server carries on.
 */
export interface TcpProxy {
  /** `redisUrl` with the proxy's host and port in place of Redis's. */
  readonly url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(redisUrl: string): Promise<TcpProxy> {
  const upstream = new URL(redisUrl);
  const sockets = new Set<net.Socket>();
  let cut = false;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (cut) {
      client.destroy();
      return;
    }
    const redis = net.connect(Number(upstream.port || 6379), upstream.hostname);
    track(redis);
    client.pipe(redis);
    redis.pipe(client);
    client.on('close', () => redis.destroy());
    redis.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(redisUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      cut = false;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
