import { registerEnumType } from 'type-graphql';
import type { OrderStatus as OrderStatusValue } from '../views';

export const OrderStatus = {
  PENDING: 'PENDING',
  AWAITING_PAYMENT: 'AWAITING_PAYMENT',
  PAID: 'PAID',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
  REJECTED: 'REJECTED',
} as const satisfies { [K in OrderStatusValue]: K };

registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  valuesConfig: {
    PENDING: { description: 'Placed, stock not yet reserved.' },
    AWAITING_PAYMENT: { description: 'Stock reserved, payment initiated.' },
    PAID: { description: 'Payment succeeded, reservation committed.' },
    COMPLETED: { description: 'Fulfilled (admin).' },
    CANCELLED: {
      description:
        'By the customer or an admin before payment, on payment failure, or when the reservation expired.',
    },
    REJECTED: { description: 'Stock could not be reserved.' },
  },
});
