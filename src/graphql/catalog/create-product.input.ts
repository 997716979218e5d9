import {
  ArrayMaxSize,
  IsInt,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { MoneyScalar } from '../scalars/money.scalar';
import { TagInput } from './tag.input';

@InputType()
export class CreateProductInput {
  @Field(() => String)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message: 'sku must be 1 to 64 letters, digits, dots, dashes or underscores',
  })
  sku!: string;

  @Field(() => String)
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true })
  @MaxLength(5000)
  description?: string | null;

  @Field(() => MoneyScalar)
  price!: number;

  @Field(() => String, { nullable: true })
  @MinLength(1)
  @MaxLength(100)
  category?: string | null;

  @Field(() => [TagInput], { nullable: true })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  tags?: TagInput[] | null;

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  initialStock?: number | null;
}
