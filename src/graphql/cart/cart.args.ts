import { IsInt, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';

const MAX_LINE_QUANTITY = 1000;

@ArgsType()
export class CartProductArgs {
  @Field(() => ID)
  @MaxLength(100)
  productId!: string;
}

@ArgsType()
export class AddToCartArgs extends CartProductArgs {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;
}

@ArgsType()
export class UpdateCartItemArgs extends CartProductArgs {
  @Field(() => Int, { description: '0 removes the line.' })
  @IsInt()
  @Min(0)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;
}
