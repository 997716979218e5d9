import type pg from 'pg';
import { type InventoryEvent } from '../../aggregates/inventory/inventory.events';
import { type RecordedEvent } from '../../infrastructure/event-store/event-store';
import { type Notification, type Projection } from '../runtime/projection';
import { asDomainEvent, stringField } from '../shared/domain-event';

interface PendingReservation {
  productId: string;
  orderId: string;
  quantity: number;
  expiresAt: Date;
}

const createTables = `
CREATE TABLE IF NOT EXISTS pending_reservations (
  product_id text COLLATE "C" NOT NULL,
  order_id text COLLATE "C" NOT NULL,
  quantity integer NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (product_id, order_id)
);
`;

const createIndexes = `
-- The expiry scheduler's sweep.
CREATE INDEX IF NOT EXISTS pending_reservations_expires_at ON pending_reservations (expires_at);
CREATE INDEX IF NOT EXISTS pending_reservations_order ON pending_reservations (order_id);
`;

/** Reservations not yet committed or released: what the expiry scheduler watches. */
export const reservationsProjection: Projection = {
  name: 'reservations',
  version: 1,
  eventTypes: ['StockReserved', 'ReservationCommitted', 'ReservationReleased'],
  tables: ['pending_reservations'],
  createTables,
  createIndexes,
  partitionOf: (event) => stringField(event, 'productId'),
  applyBatch: applyReservations,
};

async function applyReservations(
  client: pg.PoolClient,
  events: RecordedEvent[],
): Promise<Notification[]> {
  // The batch's net effect per reservation: present with these values, or gone.
  const outcome = new Map<string, PendingReservation | null>();
  const keyOf = (productId: string, orderId: string) => JSON.stringify([productId, orderId]);
  for (const recorded of events) {
    const event = asDomainEvent<InventoryEvent>(recorded);
    switch (event.type) {
      case 'StockReserved': {
        const { productId, orderId, quantity, expiresAt } = event.data;
        const reservation = { productId, orderId, quantity, expiresAt: new Date(expiresAt) };
        outcome.set(keyOf(productId, orderId), reservation);
        break;
      }
      case 'ReservationCommitted':
      case 'ReservationReleased':
        outcome.set(keyOf(event.data.productId, event.data.orderId), null);
        break;
      case 'StockReceived':
      case 'StockAdjusted':
        break;
      default: {
        const unknown: never = event;
        throw new Error(`not an inventory event: ${(unknown as { type: string }).type}`);
      }
    }
  }
  const keys = [...outcome.keys()].map((key) => JSON.parse(key) as [string, string]);
  await client.query(
    `DELETE FROM pending_reservations r USING unnest($1::text[], $2::text[]) AS k(p, o)
     WHERE r.product_id = k.p AND r.order_id = k.o`,
    [keys.map(([p]) => p), keys.map(([, o]) => o)],
  );
  const present = [...outcome.values()].filter((r): r is PendingReservation => r !== null);
  if (present.length > 0) {
    await client.query(
      `INSERT INTO pending_reservations (product_id, order_id, quantity, expires_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[])`,
      [
        present.map((r) => r.productId),
        present.map((r) => r.orderId),
        present.map((r) => r.quantity),
        present.map((r) => r.expiresAt),
      ],
    );
  }
  return [];
}
