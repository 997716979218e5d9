import { randomUUID } from 'node:crypto';
import { inventoryStreamId } from '../../../src/aggregates/inventory';
import { AppError } from '../../../src/application/app-error';
import { inventoryAggregate, orderAggregate } from '../../../src/application/commands/aggregates';
import { orderIdFor } from '../../../src/application/orders/order-ids';
import { Reconciler, type ReconcilerQueries } from '../../../src/application/processes/reconciler';
import { orderStreamId } from '../../../src/aggregates/order';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { customer, inventoryOf, stockedProduct, writeSide, type WriteSide } from './harness';

const noQueries: ReconcilerQueries = {
  expiredReservations: () => Promise.resolve([]),
  stuckPendingOrders: () => Promise.resolve([]),
  paidNotMarkedOrders: () => Promise.resolve([]),
  closedOrdersHoldingStock: () => Promise.resolve([]),
};

describe('checkout saga, payments and expiry on a real log', () => {
  let db: TestDatabase;
  const sides: WriteSide[] = [];
  const side = (ttlMs?: number) => {
    const s = writeSide(db, undefined, ttlMs);
    sides.push(s);
    return s;
  };
  beforeAll(async () => {
    db = await createTestDatabase(20);
  });
  afterAll(async () => {
    await Promise.all(sides.map((s) => s.store.close()));
    await db.drop();
  });

  it('reserves every line and waits for payment before it returns', async () => {
    const s = side();
    const a = await stockedProduct(s, 3);
    const b = await stockedProduct(s, 3);
    const buyer = customer();
    const placed = await s.orders.placeOrder({
      actor: buyer,
      lines: [
        { productId: a, quantity: 2 },
        { productId: b, quantity: 1 },
      ],
      idempotencyKey: 'k',
      source: 'PLACE_ORDER',
    });
    expect(placed.state.status).toBe('AWAITING_PAYMENT');
    expect((await inventoryOf(s.store, a)).reserved).toBe(2);
    expect((await inventoryOf(s.store, b)).reserved).toBe(1);
  });

  it('rejects with OUT_OF_STOCK and leaves nothing reserved when one line is short', async () => {
    const s = side();
    const plenty = await stockedProduct(s, 10);
    const scarce = await stockedProduct(s, 1);
    const buyer = customer();
    const error = await s.orders
      .placeOrder({
        actor: buyer,
        lines: [
          { productId: plenty, quantity: 4 },
          { productId: scarce, quantity: 2 },
        ],
        idempotencyKey: 'short',
        source: 'PLACE_ORDER',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('OUT_OF_STOCK');
    expect((await inventoryOf(s.store, plenty)).reserved).toBe(0);
    expect((await inventoryOf(s.store, scarce)).reserved).toBe(0);
    const { state } = await s.process.order(orderIdFor(buyer.userId, 'short'));
    expect(state.status).toBe('REJECTED');
  });

  it('a crash after the first reservation is healed on restart: reserved-and-awaiting, never stuck PENDING', async () => {
    const crashed = side();
    const a = await stockedProduct(crashed, 5);
    const b = await stockedProduct(crashed, 5);
    const buyer = customer();
    const orderId = orderIdFor(buyer.userId, 'crash');
    const lines = [a, b].map((productId) => ({
      productId,
      sku: 's',
      name: 'n',
      unitPrice: 100,
      quantity: 1,
    }));
    // What the first process got done before it died: the order, and the first line's stock.
    await crashed.executor.execute(orderAggregate, orderStreamId(orderId), {
      type: 'PlaceOrder',
      data: { orderId, userId: buyer.userId, lines, source: 'PLACE_ORDER' },
    });
    await crashed.executor.execute(inventoryAggregate, inventoryStreamId(a), {
      type: 'ReserveStock',
      data: { productId: a, orderId, quantity: 1, expiresAt: '2030-01-01T00:00:00.000Z' },
    });

    const restarted = side();
    const reconciler = new Reconciler(
      restarted.process,
      { ...noQueries, stuckPendingOrders: () => Promise.resolve([orderId]) },
      restarted.clock,
    );
    await reconciler.runOnce();
    const { state } = await restarted.process.order(orderId);
    expect(state.status).toBe('AWAITING_PAYMENT');
    expect((await inventoryOf(restarted.store, a)).reserved).toBe(1);
    expect((await inventoryOf(restarted.store, b)).reserved).toBe(1);
  });

  it('a crash mid-way through a rejection is healed: rejected-and-released', async () => {
    const crashed = side();
    const a = await stockedProduct(crashed, 5);
    const b = await stockedProduct(crashed, 0);
    const buyer = customer();
    const orderId = orderIdFor(buyer.userId, 'crash-reject');
    const lines = [a, b].map((productId) => ({
      productId,
      sku: 's',
      name: 'n',
      unitPrice: 100,
      quantity: 1,
    }));
    await crashed.executor.execute(orderAggregate, orderStreamId(orderId), {
      type: 'PlaceOrder',
      data: { orderId, userId: buyer.userId, lines, source: 'PLACE_ORDER' },
    });
    await crashed.executor.execute(inventoryAggregate, inventoryStreamId(a), {
      type: 'ReserveStock',
      data: { productId: a, orderId, quantity: 1, expiresAt: '2030-01-01T00:00:00.000Z' },
    });

    const restarted = side();
    await new Reconciler(
      restarted.process,
      { ...noQueries, stuckPendingOrders: () => Promise.resolve([orderId]) },
      restarted.clock,
    ).runOnce();
    expect((await restarted.process.order(orderId)).state.status).toBe('REJECTED');
    expect((await inventoryOf(restarted.store, a)).reserved).toBe(0);
  });

  it('payment success commits the stock and marks PAID; a duplicate or a late failure changes nothing', async () => {
    const s = side();
    const a = await stockedProduct(s, 4);
    const buyer = customer();
    const { orderId, state } = await s.orders.placeOrder({
      actor: buyer,
      lines: [{ productId: a, quantity: 3 }],
      idempotencyKey: 'pay',
      source: 'CHECKOUT',
    });
    if (state.status !== 'AWAITING_PAYMENT') throw new Error(state.status);
    const outcome = {
      orderId,
      paymentId: state.payment.paymentId,
      succeeded: true,
      transactionId: 'txn-1',
      reason: null,
    };
    await s.process.settlePayment(outcome, {});
    await s.process.settlePayment(outcome, {});
    await s.process.settlePayment({ ...outcome, succeeded: false, reason: 'late decline' }, {});
    expect((await s.process.order(orderId)).state.status).toBe('PAID');
    const level = await inventoryOf(s.store, a);
    expect({ onHand: level.onHand, reserved: level.reserved }).toEqual({ onHand: 1, reserved: 0 });
    expect(s.cleared).toContain(buyer.userId);
  });

  it('payment failure cancels the order and gives the stock back', async () => {
    const s = side();
    const a = await stockedProduct(s, 4);
    const buyer = customer();
    const { orderId, state } = await s.orders.placeOrder({
      actor: buyer,
      lines: [{ productId: a, quantity: 2 }],
      idempotencyKey: 'fail',
      source: 'PLACE_ORDER',
    });
    if (state.status !== 'AWAITING_PAYMENT') throw new Error(state.status);
    await s.process.settlePayment(
      {
        orderId,
        paymentId: state.payment.paymentId,
        succeeded: false,
        transactionId: null,
        reason: 'declined',
      },
      {},
    );
    const after = (await s.process.order(orderId)).state;
    expect(after.status).toBe('CANCELLED');
    expect(after.status === 'CANCELLED' && after.cancelReason).toBe('PAYMENT_FAILED');
    expect((await inventoryOf(s.store, a)).reserved).toBe(0);
  });

  it('expiry cancels unpaid orders once, even with two schedulers running', async () => {
    const s = side(1_000);
    const a = await stockedProduct(s, 2);
    const buyer = customer();
    const { orderId } = await s.orders.placeOrder({
      actor: buyer,
      lines: [{ productId: a, quantity: 2 }],
      idempotencyKey: 'exp',
      source: 'PLACE_ORDER',
    });
    s.clock.advance(5_000);
    const other = side(1_000);
    const queries = { ...noQueries, expiredReservations: () => Promise.resolve([orderId]) };
    await Promise.all([
      new Reconciler(s.process, queries, s.clock).runOnce(),
      new Reconciler(other.process, queries, s.clock).runOnce(),
    ]);
    const after = (await s.process.order(orderId)).state;
    expect(after.status === 'CANCELLED' && after.cancelReason).toBe('RESERVATION_EXPIRED');
    const events = await s.store.readStream(inventoryStreamId(a));
    expect(events.filter((e) => e.type === 'ReservationReleased')).toHaveLength(1);
    expect((await inventoryOf(s.store, a)).reserved).toBe(0);
  });

  it('a payment after expiry re-reserves the stock when it is still there', async () => {
    const s = side(1_000);
    const a = await stockedProduct(s, 5);
    const { orderId, state } = await s.orders.placeOrder({
      actor: customer(),
      lines: [{ productId: a, quantity: 2 }],
      idempotencyKey: 'late',
      source: 'PLACE_ORDER',
    });
    if (state.status !== 'AWAITING_PAYMENT') throw new Error(state.status);
    await s.process.expire(orderId, {});
    await s.process.settlePayment(
      {
        orderId,
        paymentId: state.payment.paymentId,
        succeeded: true,
        transactionId: 't',
        reason: null,
      },
      {},
    );
    expect((await s.process.order(orderId)).state.status).toBe('PAID');
    const level = await inventoryOf(s.store, a);
    expect({ onHand: level.onHand, reserved: level.reserved }).toEqual({ onHand: 3, reserved: 0 });
  });

  it('a payment after expiry with the stock gone records a refund request, never a silent drop', async () => {
    const s = side(1_000);
    const a = await stockedProduct(s, 1);
    const { orderId, state } = await s.orders.placeOrder({
      actor: customer(),
      lines: [{ productId: a, quantity: 1 }],
      idempotencyKey: 'gone',
      source: 'PLACE_ORDER',
    });
    if (state.status !== 'AWAITING_PAYMENT') throw new Error(state.status);
    await s.process.expire(orderId, {});
    await s.orders.placeOrder({
      actor: customer(),
      lines: [{ productId: a, quantity: 1 }],
      idempotencyKey: randomUUID(),
      source: 'PLACE_ORDER',
    });
    await s.process.settlePayment(
      {
        orderId,
        paymentId: state.payment.paymentId,
        succeeded: true,
        transactionId: 't',
        reason: null,
      },
      {},
    );
    const after = (await s.process.order(orderId)).state;
    expect(after.status).toBe('CANCELLED');
    expect(after.status === 'CANCELLED' && after.refundRequested).toBe(true);
    expect((await s.store.readStream(orderStreamId(orderId))).map((e) => e.type)).toContain(
      'RefundRequested',
    );
    expect((await inventoryOf(s.store, a)).reserved).toBe(1);
  });

  it('a payment that lands after the customer cancelled is recorded and refunded; the stock stays on sale', async () => {
    const s = side(1_000);
    const a = await stockedProduct(s, 3);
    const buyer = customer();
    const { orderId, state } = await s.orders.placeOrder({
      actor: buyer,
      lines: [{ productId: a, quantity: 2 }],
      idempotencyKey: 'cancelled-while-paying',
      source: 'PLACE_ORDER',
    });
    if (state.status !== 'AWAITING_PAYMENT') throw new Error(state.status);
    await s.orders.cancelOrder(buyer, orderId, null);
    await s.process.settlePayment(
      {
        orderId,
        paymentId: state.payment.paymentId,
        succeeded: true,
        transactionId: 't',
        reason: null,
      },
      {},
    );
    const events = await s.store.readStream(orderStreamId(orderId));
    expect(events.map((e) => e.type).slice(-3)).toEqual([
      'OrderCancelled',
      'PaymentSucceeded',
      'RefundRequested',
    ]);
    expect(events[events.length - 1]!.data).toMatchObject({
      reason: 'ORDER_CANCELLED',
      amount: state.total,
    });
    expect((await s.process.order(orderId)).state.status).toBe('CANCELLED');
    const level = await inventoryOf(s.store, a);
    expect({ onHand: level.onHand, reserved: level.reserved }).toEqual({ onHand: 3, reserved: 0 });
  });
});
