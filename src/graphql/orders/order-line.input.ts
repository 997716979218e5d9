import { IsInt, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class OrderLineInput {
  @Field(() => ID)
  @MaxLength(100)
  productId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity!: number;
}
