import { IsInt, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { IsIdempotencyKey } from '../common/idempotency-key';

@ArgsType()
export class PurchaseArgs {
  @Field(() => ID)
  @MaxLength(100)
  productId!: string;

  @Field(() => Int, { defaultValue: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  quantity!: number;

  @Field(() => String)
  @IsIdempotencyKey()
  idempotencyKey!: string;
}

@ArgsType()
export class TicketArgs {
  @Field(() => ID)
  @MaxLength(100)
  ticketId!: string;
}
