import { v5 as uuidv5 } from 'uuid';

const NAMESPACE = '4f6a3c1e-9a57-4b8e-8a0e-6b1f3c2d9e71';

/**
 * The order id is derived from who asked and their idempotency key, so a retried mutation
 * lands on the same stream and finds the first result instead of placing a second order.
 */
export const orderIdFor = (userId: string, idempotencyKey: string): string =>
  uuidv5(`order:${userId}:${idempotencyKey}`, NAMESPACE);

export const ticketIdFor = (userId: string, idempotencyKey: string): string =>
  uuidv5(`ticket:${userId}:${idempotencyKey}`, NAMESPACE);
