import { registerEnumType } from 'type-graphql';
import type { PaymentStatus as PaymentStatusValue } from '../views';

export const PaymentStatus = {
  PENDING: 'PENDING',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
} as const satisfies { [K in PaymentStatusValue]: K };

registerEnumType(PaymentStatus, { name: 'PaymentStatus' });
