import { type Client } from 'graphql-ws';

/** Collects a subscription's messages; `next(n)` waits until n have arrived in total. */
export function subscribe<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const messages: {
    data?: T | null;
    errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
  }[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let completed = false;
  let failure: unknown = null;
  const notify = () => {
    for (const w of [...waiters]) {
      if (messages.length >= w.count || completed) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (message) => {
        messages.push(message);
        notify();
      },
      error: (error) => {
        failure = error;
        completed = true;
        notify();
      },
      complete: () => {
        completed = true;
        notify();
      },
    },
  );
  return {
    messages,
    get completed() {
      return completed;
    },
    get failure() {
      return failure;
    },
    /** Resolves once `count` messages arrived (or the subscription ended). */
    until(count: number): Promise<void> {
      if (messages.length >= count || completed) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    unsubscribe,
  };
}
