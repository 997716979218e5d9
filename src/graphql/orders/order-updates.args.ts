import { IsInt, Matches, MaxLength, Min } from 'class-validator';
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
  // Both event stores write positions as two 20-digit numbers (see their position.ts): anything
  // else would compare as a string with real positions and silently skip or repeat updates.
  @Matches(/^\d{20}-\d{20}$/, {
    message: 'fromPosition must be the position of an earlier update, or null for all',
  })
  fromPosition?: string | null;
}
