import { type OrderSource } from '../../aggregates/order';

/** The catalog as the order side needs it: current name, SKU and price per product. */
export interface CatalogProduct {
  id: string;
  sku: string;
  name: string;
  price: number;
}
export type ProductLookup = (ids: string[]) => Promise<Map<string, CatalogProduct>>;

/** The part of the payment gateway that checkout uses. */
export interface PaymentStarter {
  createPayment(input: {
    orderId: string;
    amount: number;
    idempotencyKey: string;
  }): Promise<{ paymentId: string; provider: string }>;
}

/** Cart lines priced at checkout, and clearing the cart once the order is paid. */
export interface CheckoutCart {
  checkoutLines(userId: string): Promise<{ productId: string; quantity: number }[]>;
  /** Takes a paid order's units out of the cart; what was added since stays. */
  removeOrdered(
    userId: string,
    lines: readonly { productId: string; quantity: number }[],
  ): Promise<unknown>;
}

export interface Actor {
  userId: string;
  role: 'CUSTOMER' | 'ADMIN';
}

export interface PlaceOrderRequest {
  actor: Actor;
  lines: { productId: string; quantity: number }[];
  idempotencyKey: string;
  source: OrderSource;
  correlationId?: string;
}
