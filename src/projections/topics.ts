/** What the read side announces after each commit; subscriptions and caches listen. */
export interface OrderUpdateMessage {
  orderId: string;
  userId: string;
  status: string;
  version: number;
  position: string;
  occurredAt: string;
  reason: string | null;
}

export interface InventoryLevelMessage {
  productId: string;
  onHand: number;
  reserved: number;
  available: number;
  version: number;
}

export interface PurchaseSettledMessage {
  ticketId: string;
  userId: string;
  outcome: 'QUEUED' | 'RESERVED' | 'SOLD_OUT' | 'REJECTED';
  orderId: string | null;
}

export interface ProjectionCommittedMessage {
  projection: string;
  position: string;
}

/** Topic name → message. A message is published to one key of a topic (e.g. an order id). */
export interface Topics {
  /** key: order id */
  orderUpdated: OrderUpdateMessage;
  /** key: user id */
  userOrderUpdated: OrderUpdateMessage;
  /** key: product id */
  inventoryChanged: InventoryLevelMessage;
  /** key: product id; the product's read row changed (cache invalidation) */
  productChanged: { productId: string; position: string };
  /** key: ticket id */
  purchaseSettled: PurchaseSettledMessage;
  /** key: projection name */
  projectionCommitted: ProjectionCommittedMessage;
}
