import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { keepAliveTarget } from './keep-alive-post';

/**
 * The flash-sale load generator. It runs in a worker thread so that its event loop does not
 * share the one of the server under test: `clients` concurrent HTTP/1.1 keep-alive connections,
 * each sending one purchase mutation after another until `attempts` have been made. With several
 * servers, client i keeps to server i mod their number (one keep-alive agent per server).
 */
export interface LoadRequest {
  /** Servers to spread the clients over: client i talks to urls[i % urls.length]. */
  urls: string[];
  clients: number;
  attempts: number;
  /** Bearer tokens; attempt i is made by user i mod tokens.length. */
  tokens: string[];
  productId: string;
  /** `__typename`: the cheapest query there is, to measure what the HTTP and GraphQL stack costs. */
  mutation: 'purchase' | 'purchaseAsync' | '__typename';
  /** Attempt i uses the idempotency key `${keyPrefix}-${i}`. */
  keyPrefix: string;
  timeoutMs: number;
  /** No attempt is started after this many milliseconds (0: no limit). */
  maxDurationMs: number;
  /**
   * Open every client's keep-alive connection with one `{ __typename }` before the clock starts,
   * as clients already on the shop (or a load balancer's pool) would be when the sale opens.
   */
  preconnect?: boolean;
}

/** One entry per attempt made (fewer than asked when the time limit struck), in attempt order. */
export interface LoadResult {
  /** Epoch milliseconds at which each attempt was sent. */
  sentAt: number[];
  latencyMs: number[];
  /** RESERVED, SOLD_OUT, QUEUED or REJECTED; otherwise the GraphQL error code, HTTP_<status> or NETWORK. */
  outcome: string[];
  ticketId: (string | null)[];
  /** Index into `urls` of the server each attempt went to. */
  server: number[];
  /** Epoch milliseconds of the first send and the last answer. */
  startedAt: number;
  finishedAt: number;
}

const KIND = 'chronocart-flash-sale-load';

export function runLoad(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { kind: KIND, request } });
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
  });
}

interface GraphQLBody {
  data?: Record<string, { ticketId: string; outcome: string } | string | null> | null;
  errors?: { extensions?: { code?: string } }[];
}

async function generate(request: LoadRequest): Promise<LoadResult> {
  if (request.urls.length === 0) throw new Error('no server to load');
  const perServer = Math.ceil(request.clients / request.urls.length);
  const targets = request.urls.map((url) => keepAliveTarget(url, perServer, request.timeoutMs));
  const TYPENAME = '{ __typename }';
  const query =
    request.mutation === '__typename'
      ? TYPENAME
      : `mutation($p: ID!, $q: Int!, $k: String!) {
    ${request.mutation}(productId: $p, quantity: $q, idempotencyKey: $k) { ticketId outcome } }`;
  const n = request.attempts;
  const result: LoadResult = {
    sentAt: new Array<number>(n).fill(0),
    latencyMs: new Array<number>(n).fill(0),
    outcome: new Array<string>(n).fill(''),
    ticketId: new Array<string | null>(n).fill(null),
    server: new Array<number>(n).fill(0),
    startedAt: Date.now(),
    finishedAt: 0,
  };
  const post = (target: (typeof targets)[number], body: string, token: string) =>
    target.post(body, { authorization: `Bearer ${token}` });

  const clients = Math.min(request.clients, n);
  if (request.preconnect) {
    const hello = JSON.stringify({ query: TYPENAME });
    await Promise.all(
      Array.from({ length: clients }, (_, client) =>
        post(targets[client % targets.length]!, hello, request.tokens[0]!),
      ),
    );
    result.startedAt = Date.now();
  }

  let next = 0;
  const deadline = request.maxDurationMs > 0 ? result.startedAt + request.maxDurationMs : Infinity;
  const lane = async (client: number) => {
    const server = client % targets.length;
    const target = targets[server]!;
    while (next < n && Date.now() < deadline) {
      const i = next++;
      const body = JSON.stringify(
        request.mutation === '__typename'
          ? { query }
          : { query, variables: { p: request.productId, q: 1, k: `${request.keyPrefix}-${i}` } },
      );
      const token = request.tokens[i % request.tokens.length]!;
      result.server[i] = server;
      result.sentAt[i] = Date.now();
      const t = performance.now();
      try {
        const res = await post(target, body, token);
        result.latencyMs[i] = performance.now() - t;
        const parsed = JSON.parse(res.text) as GraphQLBody;
        const answer = parsed.data?.[request.mutation];
        if (request.mutation === '__typename' && answer) {
          result.outcome[i] = 'OK';
        } else if (typeof answer === 'object' && answer) {
          result.outcome[i] = answer.outcome;
          result.ticketId[i] = answer.ticketId;
        } else {
          result.outcome[i] = parsed.errors?.[0]?.extensions?.code ?? `HTTP_${res.status}`;
        }
      } catch {
        result.latencyMs[i] = performance.now() - t;
        result.outcome[i] = 'NETWORK';
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, client) => lane(client)));
  result.finishedAt = Date.now();
  if (next < n) {
    result.sentAt.length = next;
    result.latencyMs.length = next;
    result.outcome.length = next;
    result.ticketId.length = next;
    result.server.length = next;
  }
  for (const target of targets) target.destroy();
  return result;
}

const data = workerData as { kind?: string; request?: LoadRequest } | null;
if (!isMainThread && data?.kind === KIND && data.request) {
  void generate(data.request).then((result) => parentPort?.postMessage(result));
}
