import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { MoneyScalar } from '../scalars/money.scalar';

/** Omitted fields stay as they are; null clears description and category (name and price cannot be cleared: null leaves them). */
@InputType()
export class UpdateProductInput {
  @Field(() => String, { nullable: true })
  @MinLength(1)
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(5000)
  description?: string | null;

  @Field(() => MoneyScalar, { nullable: true })
  price?: number | null;

  @Field(() => String, { nullable: true })
  @MinLength(1)
  @MaxLength(100)
  category?: string | null;
}
