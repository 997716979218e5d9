import { IsInt, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';

@ArgsType()
export class OrderUpdatedArgs {
  @Field(() => ID)
  @MaxLength(100)
  orderId!: string;

  @Field(() => Int, { nullable: true, description: 'Replay after this version; all when null.' })
  @IsInt()
  @Min(-1)
  fromVersion?: number | null;
}

@ArgsType()
export class MyOrderUpdatesArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Replay after this global position; all when null.',
  })
  @MaxLength(100)
  fromPosition?: string | null;
}
