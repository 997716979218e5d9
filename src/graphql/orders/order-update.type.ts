import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import type { OrderStatus as OrderStatusValue } from '../views';
import { OrderStatus } from './order-status.enum';

/** `order` is resolved by OrderUpdatesResolver. */
@ObjectType()
export class OrderUpdate {
  @Field(() => ID)
  orderId!: string;

  @Field(() => OrderStatus)
  status!: OrderStatusValue;

  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: 'Resume `myOrderUpdates` after this.' })
  position!: string;

  @Field(() => DateTimeScalar)
  occurredAt!: Date;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}
