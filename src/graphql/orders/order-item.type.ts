import { Field, Int, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../scalars/money.scalar';

/** `product` and `subtotal` are resolved by OrderItemResolver. */
@ObjectType({ description: 'A line as it was sold: sku, name and price are snapshots.' })
export class OrderItem {
  @Field(() => String)
  sku!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => MoneyScalar)
  unitPrice!: number;
}
