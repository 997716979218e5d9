import { Field, ID, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../scalars/money.scalar';
import type { PaymentStatus as PaymentStatusValue } from '../views';
import { PaymentStatus } from './payment-status.enum';

@ObjectType()
export class Payment {
  @Field(() => ID)
  id!: string;

  @Field(() => PaymentStatus)
  status!: PaymentStatusValue;

  @Field(() => MoneyScalar)
  amount!: number;

  @Field(() => String)
  provider!: string;

  @Field(() => String, { nullable: true })
  transactionId!: string | null;
}
