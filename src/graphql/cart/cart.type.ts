import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { MoneyScalar } from '../scalars/money.scalar';

/** `product` and `subtotal` are resolved by CartItemResolver. */
@ObjectType()
export class CartItem {
  @Field(() => Int)
  quantity!: number;

  @Field(() => MoneyScalar)
  unitPrice!: number;
}

@ObjectType()
export class Cart {
  @Field(() => [CartItem])
  items!: CartItem[];

  @Field(() => MoneyScalar)
  total!: number;

  @Field(() => Int)
  itemCount!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt!: Date | null;
}
