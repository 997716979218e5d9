import { print } from 'graphql';
import {
  AddToCartDocument,
  BrowseProductsDocument,
  CheckoutDocument,
  InventoryLevelDocument,
  OrderAfterPaymentDocument,
  OrderUpdatedDocument,
  SimulatePaymentDocument,
  type OrderUpdatedSubscription,
} from '../generated/graphql';
import { createProduct, registerCustomer } from './fixtures';
import { type TestServer } from './server';
import { subscribe } from './subscription';

/** A shopper's whole path, as a frontend drives it, with the typed operations. */
export async function checkoutJourney(server: TestServer, admin: string): Promise<void> {
  const product = await createProduct(server, admin, {
    name: 'Espresso cup',
    price: 1250,
    initialStock: 5,
    category: 'kitchen',
  });
  const shopper = await registerCustomer(server);

  const browse = await server.run(BrowseProductsDocument, { search: 'espresso' });
  expect(browse.products.edges.map((e) => e.node.id)).toContain(product.id);

  const cart = await server.run(
    AddToCartDocument,
    { productId: product.id, quantity: 2 },
    shopper.token,
  );
  expect(cart.addToCart).toMatchObject({
    total: 2500,
    itemCount: 2,
    items: [{ subtotal: 2500 }],
  });

  const { checkout: order } = await server.run(
    CheckoutDocument,
    { idempotencyKey: 'checkout-1' },
    shopper.token,
  );
  expect(order).toMatchObject({
    status: 'AWAITING_PAYMENT',
    total: 2500,
    payment: { status: 'PENDING', amount: 2500 },
  });

  const level = await server.run(InventoryLevelDocument, { productId: product.id });
  expect(level.inventory).toEqual({ onHand: 5, reserved: 2, available: 3 });

  const live = subscribe<OrderUpdatedSubscription>(
    server.ws(shopper.token),
    print(OrderUpdatedDocument),
    {
      orderId: order.id,
      fromVersion: order.version,
    },
  );
  const paid = await server.run(
    SimulatePaymentDocument,
    { orderId: order.id, succeed: true },
    shopper.token,
  );
  expect(paid.simulatePayment.status).toBe('SUCCEEDED');
  // Read-your-writes: the stock the payment committed is in the very next query.
  const committed = await server.run(InventoryLevelDocument, { productId: product.id });
  expect(committed.inventory).toEqual({ onHand: 3, reserved: 0, available: 3 });
  await live.until(2);
  expect(live.messages.map((m) => m.data?.orderUpdated.status)).toEqual([
    'AWAITING_PAYMENT',
    'PAID',
  ]);
  expect(live.messages[1]!.data!.orderUpdated.order.status).toBe('PAID');
  live.unsubscribe();

  const after = await server.run(
    OrderAfterPaymentDocument,
    { orderId: order.id, productId: product.id },
    shopper.token,
  );
  expect(after).toEqual({
    order: { status: 'PAID' },
    cart: { itemCount: 0 },
    inventory: { onHand: 3, reserved: 0 },
  });
}
