import { MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

@ArgsType()
export class SimulatePaymentArgs {
  @Field(() => ID)
  @MaxLength(100)
  orderId!: string;

  @Field(() => Boolean)
  succeed!: boolean;
}
