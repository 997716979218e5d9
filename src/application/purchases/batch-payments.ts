import { type CatalogProduct } from '../orders/ports';
import { type PurchaseCandidate } from './purchase-allocation';

export interface Payment {
  paymentId: string;
  provider: string;
}

export type CreatePayments = (
  requests: { orderId: string; amount: number; idempotencyKey: string }[],
) => Promise<Payment[]>;

/**
 * The payments of these candidates' orders: those in `known`, and the rest opened in one call
 * (idempotent per order at the gateway, so a retried ticket finds its first payment).
 */
export async function paymentsFor(
  createPayments: CreatePayments,
  product: CatalogProduct,
  candidates: readonly PurchaseCandidate[],
  known: ReadonlyMap<string, Payment>,
): Promise<ReadonlyMap<string, Payment>> {
  const missing = candidates.filter((c) => !known.has(c.orderId));
  if (missing.length === 0) return known;
  const created = await createPayments(
    missing.map((c) => ({
      orderId: c.orderId,
      amount: product.price * c.quantity,
      idempotencyKey: c.orderId,
    })),
  );
  const all = new Map(known);
  missing.forEach((c, i) => all.set(c.orderId, created[i]!));
  return all;
}
