import http from 'node:http';

/** One server a load generator posts to, over a pool of keep-alive connections of its own. */
export interface PostTarget {
  post(body: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  destroy(): void;
}

/**
 * POSTs to `url` over at most `connections` HTTP/1.1 keep-alive connections (node:http, as a
 * browser or a load balancer would keep them); a request with no answer in `timeoutMs` fails.
 */
export function keepAliveTarget(url: string, connections: number, timeoutMs: number): PostTarget {
  const target = new URL(url);
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: connections,
    maxFreeSockets: connections,
  });
  return {
    post: (body, headers = {}) =>
      new Promise((resolve, reject) => {
        const req = http.request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: 'POST',
            timeout: timeoutMs,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              ...headers,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                text: Buffer.concat(chunks).toString('utf8'),
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', reject);
        req.end(body);
      }),
    destroy: () => agent.destroy(),
  };
}
