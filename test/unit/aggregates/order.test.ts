import {
  type CancelReason,
  foldOrder,
  initialOrderState,
  type OrderCommand,
  orderDecider,
  type OrderEvent,
  type OrderLine,
  type OrderState,
  type PendingPayment,
  type PlacedOrderFields,
  type SucceededPayment,
} from '../../../src/aggregates/order';
import { spec } from '../../support/decider-spec';

const O = 'order-1';
const U = 'user-1';
const PAY = 'pay-1';
const EXPIRES = '2030-01-01T00:15:00.000Z';
const given = spec(orderDecider).given;

const lines: OrderLine[] = [
  { productId: 'p1', sku: 'MUG-1', name: 'Mug', unitPrice: 1250, quantity: 2 },
  { productId: 'p2', sku: 'TEE-1', name: 'Tee', unitPrice: 1999, quantity: 1 },
];
const TOTAL = 4499;

// Events
const placed: OrderEvent = {
  type: 'OrderPlaced',
  data: { orderId: O, userId: U, lines, total: TOTAL, source: 'CHECKOUT' },
};
const stockReserved: OrderEvent = {
  type: 'OrderStockReserved',
  data: { orderId: O, expiresAt: EXPIRES },
};
const rejected: OrderEvent = {
  type: 'OrderRejected',
  data: { orderId: O, reason: 'out of stock', productId: 'p2' },
};
const paymentInitiated: OrderEvent = {
  type: 'PaymentInitiated',
  data: { orderId: O, paymentId: PAY, amount: TOTAL, provider: 'mock' },
};
const paymentSucceeded: OrderEvent = {
  type: 'PaymentSucceeded',
  data: { orderId: O, paymentId: PAY, transactionId: 'tx-1' },
};
const paymentFailed: OrderEvent = {
  type: 'PaymentFailed',
  data: { orderId: O, paymentId: PAY, reason: 'card declined' },
};
const paid: OrderEvent = { type: 'OrderPaid', data: { orderId: O } };
const cancelled = (reason: CancelReason, note: string | null = null): OrderEvent => ({
  type: 'OrderCancelled',
  data: { orderId: O, reason, note },
});
const completed: OrderEvent = { type: 'OrderCompleted', data: { orderId: O } };
const refundRequested: OrderEvent = {
  type: 'RefundRequested',
  data: { orderId: O, paymentId: PAY, amount: TOTAL, reason: 'STOCK_SHORTFALL' },
};

// Histories, one per state an order can be in
const pending = [placed];
const reserved = [placed, stockReserved];
const awaiting = [...reserved, paymentInitiated];
const awaitingSucceeded = [...awaiting, paymentSucceeded];
const paidOrder = [...awaitingSucceeded, paid];
const completedOrder = [...paidOrder, completed];
const rejectedOrder = [placed, rejected];
const cancelledPending = [placed, cancelled('CUSTOMER')];
const cancelledAwaiting = [...awaiting, cancelled('ADMIN')];
const paymentFailedOrder = [
  ...awaiting,
  paymentFailed,
  cancelled('PAYMENT_FAILED', 'card declined'),
];
const expired = [...awaiting, cancelled('RESERVATION_EXPIRED')];
const expiredLatePaid = [...expired, paymentSucceeded];
const expiredRefunded = [...expiredLatePaid, refundRequested];
const expiredFailed = [...expired, paymentFailed];

// Commands
const placeOrder = (orderLines: OrderLine[] = lines): OrderCommand => ({
  type: 'PlaceOrder',
  data: { orderId: O, userId: U, lines: orderLines, source: 'CHECKOUT' },
});
const markStockReserved = (expiresAt = EXPIRES): OrderCommand => ({
  type: 'MarkStockReserved',
  data: { orderId: O, expiresAt },
});
const rejectOrder: OrderCommand = {
  type: 'RejectOrder',
  data: { orderId: O, reason: 'out of stock', productId: 'p2' },
};
const initiatePayment = (paymentId = PAY): OrderCommand => ({
  type: 'InitiatePayment',
  data: { orderId: O, paymentId, provider: 'mock' },
});
const recordSucceeded = (paymentId = PAY, transactionId = 'tx-1'): OrderCommand => ({
  type: 'RecordPaymentSucceeded',
  data: { orderId: O, paymentId, transactionId },
});
const recordFailed = (paymentId = PAY): OrderCommand => ({
  type: 'RecordPaymentFailed',
  data: { orderId: O, paymentId, reason: 'card declined' },
});
const markPaid: OrderCommand = { type: 'MarkPaid', data: { orderId: O } };
const cancelOrder = (
  reason: CancelReason = 'CUSTOMER',
  note: string | null = null,
): OrderCommand => ({
  type: 'CancelOrder',
  data: { orderId: O, reason, note },
});
const completeOrder: OrderCommand = { type: 'CompleteOrder', data: { orderId: O } };
const requestRefund: OrderCommand = {
  type: 'RequestRefund',
  data: { orderId: O, reason: 'STOCK_SHORTFALL' },
};

const line = (productId: string, overrides: Partial<OrderLine> = {}): OrderLine => ({
  productId,
  sku: `SKU-${productId}`,
  name: `Product ${productId}`,
  unitPrice: 100,
  quantity: 1,
  ...overrides,
});

describe('order decider', () => {
  it.each<[string, OrderCommand]>([
    ['MarkStockReserved', markStockReserved()],
    ['RejectOrder', rejectOrder],
    ['InitiatePayment', initiatePayment()],
    ['RecordPaymentSucceeded', recordSucceeded()],
    ['RecordPaymentFailed', recordFailed()],
    ['MarkPaid', markPaid],
    ['CancelOrder', cancelOrder()],
    ['CompleteOrder', completeOrder],
    ['RequestRefund', requestRefund],
  ])('%s on an unknown order is NOT_FOUND', (_name, command) => {
    given([])
      .when(command)
      .thenError('NOT_FOUND', /order-1/);
  });

  describe('PlaceOrder', () => {
    it('places the order with its total', () => {
      given([]).when(placeOrder()).then([placed]);
    });

    it('accepts 100 lines of 1000 units, free items included', () => {
      const many = Array.from({ length: 100 }, (_, i) =>
        line(`p${i}`, { quantity: 1000, unitPrice: i === 0 ? 0 : 7 }),
      );
      given([])
        .when(placeOrder(many))
        .then([
          {
            type: 'OrderPlaced',
            data: { orderId: O, userId: U, lines: many, total: 99 * 7 * 1000, source: 'CHECKOUT' },
          },
        ]);
    });

    it('keeps only the line fields of the contract', () => {
      const withExtra = { ...line('p1'), internalNote: 'x' };
      given([])
        .when(placeOrder([withExtra]))
        .then([
          {
            type: 'OrderPlaced',
            data: { orderId: O, userId: U, lines: [line('p1')], total: 100, source: 'CHECKOUT' },
          },
        ]);
    });

    it.each<[string, OrderLine[]]>([
      ['no lines', []],
      ['101 lines', Array.from({ length: 101 }, (_, i) => line(`p${i}`))],
      ['quantity 0', [line('p1', { quantity: 0 })]],
      ['quantity 1001', [line('p1', { quantity: 1001 })]],
      ['fractional quantity', [line('p1', { quantity: 1.5 })]],
      ['negative price', [line('p1', { unitPrice: -1 })]],
      ['fractional price', [line('p1', { unitPrice: 9.99 })]],
      ['a product twice', [line('p1'), line('p2'), line('p1')]],
      [
        'a total beyond safe integers',
        [line('p1', { unitPrice: Number.MAX_SAFE_INTEGER, quantity: 2 })],
      ],
    ])('rejects %s', (_name, orderLines) => {
      given([]).when(placeOrder(orderLines)).thenError('BAD_USER_INPUT');
    });

    it.each([
      ['PENDING', pending],
      ['AWAITING_PAYMENT', awaiting],
      ['PAID', paidOrder],
      ['CANCELLED', cancelledPending],
      ['REJECTED', rejectedOrder],
    ])('cannot place an order that is %s', (status, history) => {
      given(history).when(placeOrder()).thenError('INVALID_STATE', status);
    });
  });

  describe('MarkStockReserved', () => {
    it('records the reservation expiry on a pending order', () => {
      given(pending).when(markStockReserved()).then([stockReserved]);
    });

    it('does nothing when already reserved', () => {
      given(reserved).when(markStockReserved('2030-01-01T00:20:00.000Z')).thenNothingHappened();
    });

    it.each([
      ['AWAITING_PAYMENT', awaiting],
      ['PAID', paidOrder],
      ['COMPLETED', completedOrder],
      ['CANCELLED', cancelledPending],
      ['REJECTED', rejectedOrder],
    ])('is refused when %s', (status, history) => {
      given(history).when(markStockReserved()).thenError('INVALID_STATE', status);
    });
  });

  describe('RejectOrder', () => {
    it('rejects a pending order', () => {
      given(pending).when(rejectOrder).then([rejected]);
    });

    it('rejects a pending order whose stock was marked reserved', () => {
      given(reserved).when(rejectOrder).then([rejected]);
    });

    it('does nothing when already rejected', () => {
      given(rejectedOrder).when(rejectOrder).thenNothingHappened();
    });

    it.each([
      ['AWAITING_PAYMENT', awaiting],
      ['PAID', paidOrder],
      ['COMPLETED', completedOrder],
      ['CANCELLED', cancelledPending],
    ])('is refused when %s', (status, history) => {
      given(history).when(rejectOrder).thenError('INVALID_STATE', status);
    });
  });

  describe('InitiatePayment', () => {
    it('asks for the order total once stock is reserved', () => {
      given(reserved).when(initiatePayment()).then([paymentInitiated]);
    });

    it('is refused before stock is reserved', () => {
      given(pending)
        .when(initiatePayment())
        .thenError('INVALID_STATE', /reserved/);
    });

    it('does nothing for the same payment again', () => {
      given(awaiting).when(initiatePayment()).thenNothingHappened();
    });

    it('refuses a second, different payment', () => {
      given(awaiting).when(initiatePayment('pay-2')).thenError('INVALID_STATE', /pay-2/);
    });

    it.each([
      ['PAID', paidOrder],
      ['COMPLETED', completedOrder],
      ['CANCELLED', cancelledPending],
      ['REJECTED', rejectedOrder],
    ])('is refused when %s', (status, history) => {
      given(history).when(initiatePayment()).thenError('INVALID_STATE', status);
    });
  });

  describe('RecordPaymentSucceeded', () => {
    it('records success while awaiting payment', () => {
      given(awaiting).when(recordSucceeded()).then([paymentSucceeded]);
    });

    it('records a late success after the reservation expired', () => {
      given(expired).when(recordSucceeded()).then([paymentSucceeded]);
    });

    it('records a success that arrives after a cancellation while paying, to refund it', () => {
      given(cancelledAwaiting).when(recordSucceeded()).then([paymentSucceeded]);
    });

    it.each([
      ['awaiting payment', awaitingSucceeded],
      ['paid', paidOrder],
      ['completed', completedOrder],
      ['late and refunded', expiredRefunded],
    ])('does nothing when already recorded (%s)', (_name, history) => {
      given(history).when(recordSucceeded(PAY, 'tx-other')).thenNothingHappened();
    });

    it('refuses an unknown payment id', () => {
      given(awaiting).when(recordSucceeded('pay-2')).thenError('INVALID_STATE', /pay-2/);
    });

    it('refuses an unknown payment id even when a success is recorded', () => {
      given(awaitingSucceeded).when(recordSucceeded('pay-2')).thenError('INVALID_STATE');
    });

    it.each([
      ['a payment that failed', paymentFailedOrder],
      ['a late payment that failed', expiredFailed],
      ['a PENDING order without payment', reserved],
      ['a REJECTED order', rejectedOrder],
      ['an order cancelled before payment', cancelledPending],
    ])('is refused for %s', (_name, history) => {
      given(history).when(recordSucceeded()).thenError('INVALID_STATE');
    });
  });

  describe('RecordPaymentFailed', () => {
    it('records the failure and cancels an order awaiting payment', () => {
      given(awaiting)
        .when(recordFailed())
        .then([paymentFailed, cancelled('PAYMENT_FAILED', 'card declined')]);
    });

    it.each([
      ['reservation expired', expired],
      ['cancelled by an admin', cancelledAwaiting],
    ])('only records the failure when the order is already cancelled (%s)', (_name, history) => {
      given(history).when(recordFailed()).then([paymentFailed]);
    });

    it.each([
      ['awaiting payment', paymentFailedOrder],
      ['late', expiredFailed],
    ])('does nothing when already failed (%s)', (_name, history) => {
      given(history).when(recordFailed()).thenNothingHappened();
    });

    it.each([
      ['AWAITING_PAYMENT', awaitingSucceeded],
      ['PAID', paidOrder],
      ['COMPLETED', completedOrder],
      ['CANCELLED', expiredLatePaid],
    ])('is refused once the payment succeeded (%s)', (status, history) => {
      given(history).when(recordFailed()).thenError('INVALID_STATE', status);
    });

    it('refuses an unknown payment id', () => {
      given(awaiting).when(recordFailed('pay-2')).thenError('INVALID_STATE', /pay-2/);
    });

    it.each([
      ['PENDING', reserved],
      ['REJECTED', rejectedOrder],
      ['CANCELLED', cancelledPending],
    ])('is refused without a payment (%s)', (status, history) => {
      given(history).when(recordFailed()).thenError('INVALID_STATE', status);
    });
  });

  describe('MarkPaid', () => {
    it('marks paid once the payment succeeded', () => {
      given(awaitingSucceeded).when(markPaid).then([paid]);
    });

    it('marks a late payment paid once stock was reserved again', () => {
      given(expiredLatePaid).when(markPaid).then([paid]);
    });

    it.each([
      ['PAID', paidOrder],
      ['COMPLETED', completedOrder],
    ])('does nothing when already %s', (_status, history) => {
      given(history).when(markPaid).thenNothingHappened();
    });

    it.each([
      ['PENDING', reserved],
      ['AWAITING_PAYMENT', awaiting],
      ['REJECTED', rejectedOrder],
      ['CANCELLED', expired],
      ['CANCELLED', paymentFailedOrder],
      ['CANCELLED', cancelledAwaiting],
      ['CANCELLED', expiredRefunded],
    ])('is refused when %s without a usable successful payment', (status, history) => {
      given(history).when(markPaid).thenError('INVALID_STATE', status);
    });
  });

  describe('CancelOrder', () => {
    it('cancels a pending order', () => {
      given(pending)
        .when(cancelOrder('CUSTOMER'))
        .then([cancelled('CUSTOMER')]);
    });

    it('cancels an order awaiting a pending payment, with a trimmed note', () => {
      given(awaiting)
        .when(cancelOrder('ADMIN', '  fraud suspected '))
        .then([cancelled('ADMIN', 'fraud suspected')]);
    });

    it('cancels an order whose reservation expired', () => {
      given(awaiting)
        .when(cancelOrder('RESERVATION_EXPIRED'))
        .then([cancelled('RESERVATION_EXPIRED')]);
    });

    it.each([
      ['AWAITING_PAYMENT', awaitingSucceeded],
      ['PAID', paidOrder],
      ['COMPLETED', completedOrder],
      ['CANCELLED', cancelledPending],
      ['REJECTED', rejectedOrder],
    ])('is refused when %s', (status, history) => {
      given(history).when(cancelOrder()).thenError('INVALID_STATE', status);
    });
  });

  describe('CompleteOrder', () => {
    it('completes a paid order', () => {
      given(paidOrder).when(completeOrder).then([completed]);
    });

    it.each([
      ['PENDING', reserved],
      ['AWAITING_PAYMENT', awaitingSucceeded],
      ['COMPLETED', completedOrder],
      ['CANCELLED', expiredLatePaid],
      ['REJECTED', rejectedOrder],
    ])('is refused when %s', (status, history) => {
      given(history).when(completeOrder).thenError('INVALID_STATE', status);
    });
  });

  describe('RequestRefund', () => {
    it('refunds the total of a cancelled order that was paid late', () => {
      given(expiredLatePaid).when(requestRefund).then([refundRequested]);
    });

    it('refunds a payment that arrived after the customer or an admin cancelled', () => {
      given([...cancelledAwaiting, paymentSucceeded])
        .when({ type: 'RequestRefund', data: { orderId: O, reason: 'ORDER_CANCELLED' } })
        .then([
          { ...refundRequested, data: { ...refundRequested.data, reason: 'ORDER_CANCELLED' } },
        ]);
    });

    it('does nothing when the refund was already requested', () => {
      given(expiredRefunded).when(requestRefund).thenNothingHappened();
    });

    it.each([
      ['CANCELLED', expired],
      ['CANCELLED', paymentFailedOrder],
      ['AWAITING_PAYMENT', awaitingSucceeded],
      ['PAID', paidOrder],
      ['COMPLETED', completedOrder],
      ['PENDING', reserved],
      ['REJECTED', rejectedOrder],
    ])('is refused when %s without a succeeded payment to return', (status, history) => {
      given(history).when(requestRefund).thenError('INVALID_STATE', status);
    });
  });

  describe('evolve', () => {
    const base: PlacedOrderFields = {
      orderId: O,
      userId: U,
      lines,
      total: TOTAL,
      source: 'CHECKOUT',
      stockReservedUntil: null,
      statusReason: null,
      refundRequested: false,
    };
    const pendingPayment: PendingPayment = {
      paymentId: PAY,
      amount: TOTAL,
      provider: 'mock',
      status: 'PENDING',
      transactionId: null,
    };
    const succeededPayment: SucceededPayment = {
      ...pendingPayment,
      status: 'SUCCEEDED',
      transactionId: 'tx-1',
    };

    it('starts EMPTY', () => {
      expect(initialOrderState()).toEqual({ status: 'EMPTY' });
      expect(foldOrder([])).toEqual({ status: 'EMPTY' });
    });

    it.each<[string, OrderEvent[], OrderState]>([
      ['placed', pending, { ...base, status: 'PENDING', payment: null }],
      [
        'stock reserved',
        reserved,
        { ...base, status: 'PENDING', stockReservedUntil: EXPIRES, payment: null },
      ],
      [
        'rejected',
        rejectedOrder,
        { ...base, status: 'REJECTED', statusReason: 'out of stock', payment: null },
      ],
      [
        'payment initiated',
        awaiting,
        {
          ...base,
          status: 'AWAITING_PAYMENT',
          stockReservedUntil: EXPIRES,
          payment: pendingPayment,
        },
      ],
      [
        'payment succeeded',
        awaitingSucceeded,
        {
          ...base,
          status: 'AWAITING_PAYMENT',
          stockReservedUntil: EXPIRES,
          payment: succeededPayment,
        },
      ],
      [
        'payment failed',
        paymentFailedOrder,
        {
          ...base,
          status: 'CANCELLED',
          stockReservedUntil: EXPIRES,
          statusReason: 'PAYMENT_FAILED',
          cancelReason: 'PAYMENT_FAILED',
          cancelNote: 'card declined',
          payment: { ...pendingPayment, status: 'FAILED' },
        },
      ],
      [
        'paid',
        paidOrder,
        {
          ...base,
          status: 'PAID',
          stockReservedUntil: EXPIRES,
          payment: succeededPayment,
        },
      ],
      [
        'completed',
        completedOrder,
        {
          ...base,
          status: 'COMPLETED',
          stockReservedUntil: EXPIRES,
          payment: succeededPayment,
        },
      ],
      [
        'paid late and refunded',
        expiredRefunded,
        {
          ...base,
          status: 'CANCELLED',
          stockReservedUntil: EXPIRES,
          statusReason: 'RESERVATION_EXPIRED',
          cancelReason: 'RESERVATION_EXPIRED',
          cancelNote: null,
          refundRequested: true,
          payment: succeededPayment,
        },
      ],
      [
        'paid after the reservation expired',
        [...expiredLatePaid, paid],
        {
          ...base,
          status: 'PAID',
          stockReservedUntil: EXPIRES,
          payment: succeededPayment,
        },
      ],
    ])('folds an order %s', (_name, history, expected) => {
      expect(foldOrder(history)).toEqual(expected);
    });

    it('ignores events that cannot apply rather than throwing', () => {
      expect(foldOrder([paid, completed])).toEqual({ status: 'EMPTY' });
      expect(foldOrder([placed, paymentSucceeded, paid, completed]).status).toBe('PENDING');
    });
  });
});
