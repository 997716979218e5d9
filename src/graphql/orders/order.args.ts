import { IsInt, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { ConnectionArgs } from '../common/connection.args';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import type { OrderStatus as OrderStatusValue } from '../views';
import { OrderStatus } from './order-status.enum';

@ArgsType()
export class OrderIdArgs {
  @Field(() => ID)
  @MaxLength(100)
  id!: string;
}

/** asOf / atVersion: the order as it stood then, rebuilt from its events (at most one of them). */
@ArgsType()
export class OrderArgs extends OrderIdArgs {
  @Field(() => DateTimeScalar, { nullable: true })
  asOf?: Date | null;

  @Field(() => Int, { nullable: true })
  @IsInt()
  @Min(0)
  atVersion?: number | null;
}

@ArgsType()
export class OrdersArgs extends ConnectionArgs {
  @Field(() => OrderStatus, { nullable: true })
  status?: OrderStatusValue | null;
}

@ArgsType()
export class CancelOrderArgs extends OrderIdArgs {
  @Field(() => String, { nullable: true })
  @MaxLength(500)
  reason?: string | null;
}
