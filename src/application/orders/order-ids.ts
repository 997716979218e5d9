import { parse as parseUuid, v5 as uuidv5 } from 'uuid';

/** As bytes: uuid would otherwise parse the namespace and encode the name on every call. */
const NAMESPACE = parseUuid('4f6a3c1e-9a57-4b8e-8a0e-6b1f3c2d9e71');
const nameBytes = (name: string): Uint8Array => Buffer.from(name, 'utf8');

/**
 * The order id is derived from who asked and their idempotency key, so a retried mutation
 * lands on the same stream and finds the first result instead of placing a second order.
 */
export const orderIdFor = (userId: string, idempotencyKey: string): string =>
  uuidv5(nameBytes(`order:${userId}:${idempotencyKey}`), NAMESPACE);

export const ticketIdFor = (userId: string, idempotencyKey: string): string =>
  uuidv5(nameBytes(`ticket:${userId}:${idempotencyKey}`), NAMESPACE);
