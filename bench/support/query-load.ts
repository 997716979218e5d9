import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { keepAliveTarget, type PostTarget } from './keep-alive-post';

/**
 * A read load in a worker thread (so that it does not share the server's event loop), over
 * `clients` keep-alive connections. The first `warmup` bodies are sent closed loop and not
 * measured: they open the connections and warm the server's caches. Then either
 * - closed loop (no `ratePerSec`): each client sends its next body as soon as its previous answer
 *   arrived, as many requests as the server can take; or
 * - open loop (`ratePerSec`): body i is due at i ÷ rate seconds, as shoppers who click whatever
 *   the server is doing; when every connection is busy it waits for one, and its latency counts
 *   from when it was due, so a slow server cannot hide its queue (no coordinated omission).
 */
export interface QueryLoadRequest {
  url: string;
  clients: number;
  /** GraphQL request bodies (JSON), sent in order. */
  bodies: string[];
  warmup: number;
  timeoutMs: number;
  /** Open loop at this many requests per second; closed loop when absent. */
  ratePerSec?: number;
}

export interface QueryLoadResult {
  /** Per measured request, in the order sent. */
  latencyMs: number[];
  /** Measured requests by outcome: OK, the first GraphQL error code, HTTP_<status> or NETWORK. */
  outcomes: Record<string, number>;
  /** Milliseconds from the first measured request sent to the last answer. */
  elapsedMs: number;
}

const KIND = 'chronocart-query-load';

export function runQueryLoad(request: QueryLoadRequest): Promise<QueryLoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { kind: KIND, request } });
    worker.once('message', (result: QueryLoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`query load worker exited with ${code}`));
    });
  });
}

function outcomeOf(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as {
      data?: unknown;
      errors?: { extensions?: { code?: string } }[];
    };
    if (body.errors?.length) return body.errors[0]?.extensions?.code ?? 'GRAPHQL_ERROR';
    return body.data ? 'OK' : `HTTP_${status}`;
  } catch {
    return `HTTP_${status}`;
  }
}

async function closedLoop(
  target: PostTarget,
  clients: number,
  bodies: readonly string[],
  onAnswer: (latencyMs: number, outcome: string) => void,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const start = performance.now();
      try {
        const res = await target.post(body);
        onAnswer(performance.now() - start, outcomeOf(res.status, res.text));
      } catch {
        onAnswer(performance.now() - start, 'NETWORK');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(clients, bodies.length) }, lane));
}

async function openLoop(
  target: PostTarget,
  ratePerSec: number,
  bodies: readonly string[],
  onAnswer: (latencyMs: number, outcome: string) => void,
): Promise<void> {
  const start = performance.now();
  const answers: Promise<void>[] = [];
  const send = async (body: string, dueAt: number) => {
    try {
      const res = await target.post(body);
      onAnswer(performance.now() - dueAt, outcomeOf(res.status, res.text));
    } catch {
      onAnswer(performance.now() - dueAt, 'NETWORK');
    }
  };
  let next = 0;
  while (next < bodies.length) {
    const now = performance.now();
    for (; next < bodies.length; next++) {
      const dueAt = start + (next * 1000) / ratePerSec;
      if (dueAt > now) break;
      answers.push(send(bodies[next]!, dueAt));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(answers);
}

async function generate(request: QueryLoadRequest): Promise<QueryLoadResult> {
  const target = keepAliveTarget(request.url, request.clients, request.timeoutMs);
  const { clients, bodies, warmup } = request;
  await closedLoop(target, clients, bodies.slice(0, warmup), () => undefined);
  const latencyMs: number[] = [];
  const outcomes: Record<string, number> = {};
  const start = performance.now();
  const record = (latency: number, outcome: string) => {
    latencyMs.push(latency);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  };
  const measured = bodies.slice(warmup);
  if (request.ratePerSec) await openLoop(target, request.ratePerSec, measured, record);
  else await closedLoop(target, clients, measured, record);
  target.destroy();
  return { latencyMs, outcomes, elapsedMs: performance.now() - start };
}

const data = workerData as { kind?: string; request?: QueryLoadRequest } | null;
if (!isMainThread && data?.kind === KIND && data.request) {
  void generate(data.request).then((result) => parentPort?.postMessage(result));
}
