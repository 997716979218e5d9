import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { MoneyScalar } from '../scalars/money.scalar';
import { Tag } from './tag.type';

/** `inventory` and `recommendations` are resolved by ProductFieldsResolver. */
@ObjectType()
export class Product {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  sku!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => MoneyScalar)
  price!: number;

  @Field(() => String, { nullable: true })
  category!: string | null;

  @Field(() => [Tag])
  tags!: Tag[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}
