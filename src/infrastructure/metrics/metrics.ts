import client from 'prom-client';

/** Everything an operator watches, registered once per process (see the README's operations). */
export class Metrics {
  readonly registry = new client.Registry();
  readonly httpDuration = new client.Histogram({
    name: 'chronocart_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly graphqlDuration = new client.Histogram({
    name: 'chronocart_graphql_operation_duration_seconds',
    help: 'GraphQL operation latency by operation name and type',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly commands = new client.Counter({
    name: 'chronocart_commands_total',
    help: 'Commands decided, by aggregate and outcome (ok, rejected, conflict, failed)',
    labelNames: ['aggregate', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly eventsAppended = new client.Counter({
    name: 'chronocart_events_appended_total',
    help: 'Events appended to the log, by aggregate',
    labelNames: ['aggregate'] as const,
    registers: [this.registry],
  });
  readonly subscriptions = new client.Gauge({
    name: 'chronocart_graphql_subscriptions',
    help: 'Live GraphQL subscriptions on this process',
    registers: [this.registry],
  });

  constructor() {
    client.collectDefaultMetrics({ register: this.registry, prefix: 'chronocart_' });
  }

  /** A gauge whose value is read at scrape time. */
  gauge(
    name: string,
    help: string,
    labelNames: string[],
    collect: (set: (labels: Record<string, string>, value: number) => void) => Promise<void>,
  ): void {
    new client.Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        // A gauge that cannot be read now (its database is down) says it does not know (no
        // series, or NaN without labels) rather than failing the whole of /metrics, which an
        // outage is when it is needed most.
        await collect((labels, value) => this.set(labels, value)).catch(() => {
          this.reset();
          if (labelNames.length === 0) this.set(NaN);
        });
      },
    });
  }
}
