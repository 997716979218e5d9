import { ArrayMaxSize, ArrayMinSize, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsIdempotencyKey } from '../common/idempotency-key';
import { OrderLineInput } from './order-line.input';

@InputType()
export class PlaceOrderInput {
  @Field(() => [OrderLineInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  items!: OrderLineInput[];

  @Field(() => String)
  @IsIdempotencyKey()
  idempotencyKey!: string;
}
