import { Field, InputType } from 'type-graphql';
import { IsIdempotencyKey } from '../common/idempotency-key';

@InputType()
export class CheckoutInput {
  @Field(() => String)
  @IsIdempotencyKey()
  idempotencyKey!: string;
}
