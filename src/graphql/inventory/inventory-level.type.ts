import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class InventoryLevel {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int, { description: 'Physically in stock, reservations included.' })
  onHand!: number;

  @Field(() => Int, { description: 'Held for orders awaiting payment.' })
  reserved!: number;

  @Field(() => Int, { description: 'onHand - reserved; never negative.' })
  available!: number;

  @Field(() => Int, { description: 'Revision of the inventory stream that this level reflects.' })
  version!: number;
}
