import { ArrayMaxSize, MaxLength, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { MoneyScalar } from '../scalars/money.scalar';
import { TagInput } from './tag.input';

@InputType()
export class ProductFilter {
  @Field(() => String, { nullable: true })
  @MaxLength(100)
  category?: string | null;

  @Field(() => [TagInput], { nullable: true, description: 'A product must carry every tag given.' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  tags?: TagInput[] | null;

  @Field(() => MoneyScalar, { nullable: true })
  minPrice?: number | null;

  @Field(() => MoneyScalar, { nullable: true })
  maxPrice?: number | null;

  @Field(() => Boolean, { nullable: true })
  inStock?: boolean | null;
}
