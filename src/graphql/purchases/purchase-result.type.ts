import { Field, ID, ObjectType } from 'type-graphql';
import type { PurchaseOutcome as PurchaseOutcomeValue } from '../views';
import { PurchaseOutcome } from './purchase-outcome.enum';

/** `order` is resolved by PurchaseResultResolver. */
@ObjectType()
export class PurchaseResult {
  @Field(() => ID)
  ticketId!: string;

  @Field(() => PurchaseOutcome)
  outcome!: PurchaseOutcomeValue;
}
