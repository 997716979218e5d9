import { registerEnumType } from 'type-graphql';
import type { PurchaseOutcome as PurchaseOutcomeValue } from '../views';

export const PurchaseOutcome = {
  QUEUED: 'QUEUED',
  RESERVED: 'RESERVED',
  SOLD_OUT: 'SOLD_OUT',
  REJECTED: 'REJECTED',
} as const satisfies { [K in PurchaseOutcomeValue]: K };

registerEnumType(PurchaseOutcome, { name: 'PurchaseOutcome' });
