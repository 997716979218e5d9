import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/** Events per write transaction while seeding. */
const CHUNK_EVENTS = 20_000;

interface SeedRow {
  streamId: string;
  version: number;
  type: string;
  data: string;
}

/**
 * The life of one order as the checkout saga writes it: placed, stock reserved, payment
 * initiated, then mostly paid (half of those completed), sometimes failed and cancelled.
 */
function orderEvents(orderId: string, n: number, products: readonly string[]): SeedRow[] {
  const stream = `order-${orderId}`;
  const lines = Array.from({ length: 1 + (n % 3) }, (_, i) => ({
    productId: products[(n * 7 + i * 13) % products.length]!,
    sku: `SKU-${(n + i) % products.length}`,
    name: `Product ${(n + i) % products.length}`,
    unitPrice: 500 + ((n * 31) % 5000),
    quantity: 1 + (i % 2),
  }));
  const total = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const paymentId = randomUUID();
  const expiresAt = new Date(Date.UTC(2030, 0, 1) + n * 1000).toISOString();
  const events: [string, object][] = [
    ['OrderPlaced', { orderId, userId: `user-${n % 5000}`, lines, total, source: 'CHECKOUT' }],
    ['OrderStockReserved', { orderId, expiresAt }],
    ['PaymentInitiated', { orderId, paymentId, amount: total, provider: 'mock' }],
  ];
  if (n % 10 < 8) {
    events.push(
      ['PaymentSucceeded', { orderId, paymentId, transactionId: `tx-${paymentId}` }],
      ['OrderPaid', { orderId }],
    );
    if (n % 2 === 0) events.push(['OrderCompleted', { orderId }]);
  } else {
    events.push(
      ['PaymentFailed', { orderId, paymentId, reason: 'declined' }],
      ['OrderCancelled', { orderId, reason: 'PAYMENT_FAILED', note: null }],
    );
  }
  return events.map(([type, data], version) => ({
    streamId: stream,
    version,
    type,
    data: JSON.stringify(data),
  }));
}

/**
 * Writes about `count` order events straight into the log tables, in transactions of 20,000
 * events whose orders interleave as concurrent checkouts do. This is only the fixture of the
 * rebuild benchmark (append throughput has its own); the rows are exactly what appends write.
 */
export async function seedOrderEvents(
  pool: pg.Pool,
  count: number,
  onProgress: (written: number) => void,
): Promise<number> {
  const products = Array.from({ length: 500 }, () => randomUUID());
  let written = 0;
  let n = 0;
  while (written < count) {
    const orders: SeedRow[][] = [];
    let size = 0;
    while (size < CHUNK_EVENTS && written + size < count) {
      const events = orderEvents(randomUUID(), n++, products);
      orders.push(events);
      size += events.length;
    }
    // Step by step across the chunk's orders: version k of every order before version k + 1.
    const rows: SeedRow[] = [];
    for (let version = 0; version < 6; version++) {
      for (const events of orders) if (events[version]) rows.push(events[version]!);
    }
    await pool.query(
      `WITH streams AS (
         INSERT INTO es_streams (stream_id, version)
         SELECT stream_id, max(stream_version) FROM unnest($1::text[], $2::bigint[])
           AS s(stream_id, stream_version) GROUP BY stream_id)
       INSERT INTO es_events (stream_id, stream_version, event_id, type, data)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::jsonb[])`,
      [
        rows.map((r) => r.streamId),
        rows.map((r) => r.version),
        rows.map(() => randomUUID()),
        rows.map((r) => r.type),
        rows.map((r) => r.data),
      ],
    );
    written += rows.length;
    onProgress(written);
  }
  return written;
}
