import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Payment } from '../payments/payment.type';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { MoneyScalar } from '../scalars/money.scalar';
import type { OrderStatus as OrderStatusValue } from '../views';
import { OrderItem } from './order-item.type';
import { OrderStatus } from './order-status.enum';

/** `user` and `history` are resolved by OrderFieldsResolver. */
@ObjectType()
export class Order {
  @Field(() => ID)
  id!: string;

  @Field(() => OrderStatus)
  status!: OrderStatusValue;

  @Field(() => [OrderItem])
  items!: OrderItem[];

  @Field(() => MoneyScalar)
  total!: number;

  @Field(() => Payment, { nullable: true })
  payment!: Payment | null;

  @Field(() => String, { nullable: true })
  statusReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  reservationExpiresAt!: Date | null;

  @Field(() => Int, { description: 'Revision of the order stream that this view reflects.' })
  version!: number;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}
