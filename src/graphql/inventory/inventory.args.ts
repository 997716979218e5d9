import { IsInt, Max, MaxLength, Min, MinLength, NotEquals } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';

const MAX_STOCK_CHANGE = 1_000_000;

@ArgsType()
export class ProductIdArgs {
  @Field(() => ID)
  @MaxLength(100)
  productId!: string;
}

@ArgsType()
export class ReceiveStockArgs extends ProductIdArgs {
  @Field(() => Int, { description: 'Greater than 0.' })
  @IsInt()
  @Min(1)
  @Max(MAX_STOCK_CHANGE)
  quantity!: number;
}

@ArgsType()
export class AdjustStockArgs extends ProductIdArgs {
  @Field(() => Int, { description: 'May not take available below 0.' })
  @IsInt()
  @NotEquals(0)
  @Min(-MAX_STOCK_CHANGE)
  @Max(MAX_STOCK_CHANGE)
  delta!: number;

  @Field(() => String)
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}
