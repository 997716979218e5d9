import type { PaymentRecord } from '../../../src/application/payments/payment-gateway';
import {
  parsePaymentWebhookBody,
  paymentWebhookEventFor,
} from '../../../src/infrastructure/payments/payment-webhook-event';

const succeeded = {
  id: 'evt_1',
  type: 'payment.succeeded',
  created: 1_900_000_000,
  data: {
    paymentId: 'pay_1',
    orderId: 'order-1',
    amount: 4200,
    transactionId: 'txn_1',
    reason: null,
  },
};
const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('payment webhook bodies', () => {
  it('parses a payment outcome', () => {
    expect(parsePaymentWebhookBody(body(succeeded))).toEqual({ kind: 'payment', event: succeeded });
    const failed = {
      ...succeeded,
      type: 'payment.failed',
      data: { ...succeeded.data, transactionId: null, reason: 'card_declined' },
    };
    expect(parsePaymentWebhookBody(body(failed))).toEqual({ kind: 'payment', event: failed });
  });

  it('sets apart well-formed events of other types', () => {
    expect(parsePaymentWebhookBody(body({ ...succeeded, type: 'payment.refunded' }))).toEqual({
      kind: 'other',
      id: 'evt_1',
      type: 'payment.refunded',
    });
  });

  it.each([
    ['not JSON', Buffer.from('{"id": ')],
    ['not UTF-8 JSON', Buffer.from([0xff, 0xfe, 0x00])],
    ['a JSON array', body([succeeded])],
    ['no id', body({ ...succeeded, id: undefined })],
    ['an empty id', body({ ...succeeded, id: '' })],
    ['a fractional created', body({ ...succeeded, created: 1.5 })],
    ['no data', body({ ...succeeded, data: undefined })],
    ['a string amount', body({ ...succeeded, data: { ...succeeded.data, amount: '4200' } })],
    ['a negative amount', body({ ...succeeded, data: { ...succeeded.data, amount: -1 } })],
    ['no order id', body({ ...succeeded, data: { ...succeeded.data, orderId: undefined } })],
  ])('calls %s malformed', (_, raw) => {
    expect(parsePaymentWebhookBody(raw)).toEqual({ kind: 'malformed' });
  });

  it.each([
    [
      'a success without a transaction id',
      { ...succeeded.data, transactionId: null },
      'payment.succeeded',
    ],
    ['a failure that names its declined transaction', succeeded.data, 'payment.failed'],
  ])('takes %s, as gateways send them', (_, data, type) => {
    expect(parsePaymentWebhookBody(body({ ...succeeded, type, data }))).toEqual({
      kind: 'payment',
      event: { ...succeeded, type, data },
    });
  });

  it('builds the event of a settled payment, the same every time', () => {
    const payment: PaymentRecord = {
      paymentId: 'pay_1',
      orderId: 'order-1',
      amount: 4200,
      status: 'FAILED',
      provider: 'mock',
      transactionId: null,
      failureReason: 'card_declined',
      createdAt: new Date('2030-01-01T00:00:00Z'),
      settledAt: new Date('2030-01-01T00:01:00.900Z'),
    };
    const event = paymentWebhookEventFor(payment, 'evt_9');
    expect(event).toEqual({
      id: 'evt_9',
      type: 'payment.failed',
      created: Date.parse('2030-01-01T00:01:00Z') / 1000,
      data: {
        paymentId: 'pay_1',
        orderId: 'order-1',
        amount: 4200,
        transactionId: null,
        reason: 'card_declined',
      },
    });
    expect(paymentWebhookEventFor(payment, 'evt_9')).toEqual(event);
    expect(() =>
      paymentWebhookEventFor({ ...payment, status: 'PENDING', settledAt: null }, 'evt_9'),
    ).toThrow(/not settled/);
  });
});
