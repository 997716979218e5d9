import { type CatalogProduct } from '../orders/ports';
import { type CreatedPayment, type PaymentGateway } from '../payments/payment-gateway';
import { type PurchaseCandidate } from './purchase-allocation';

export type CreatePayments = PaymentGateway['createPayments'];

/**
 * The payments of these candidates' orders: those in `known`, and the rest opened in one call
 * (idempotent per order at the gateway, so a retried ticket finds its first payment).
 */
export async function paymentsFor(
  createPayments: CreatePayments,
  product: CatalogProduct,
  candidates: readonly PurchaseCandidate[],
  known: ReadonlyMap<string, CreatedPayment>,
): Promise<ReadonlyMap<string, CreatedPayment>> {
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
