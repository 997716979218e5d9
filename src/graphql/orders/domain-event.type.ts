import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { JSONScalar } from '../scalars/json.scalar';

@ObjectType()
export class DomainEvent {
  @Field(() => String, { description: 'e.g. OrderPlaced' })
  type!: string;

  @Field(() => String)
  streamId!: string;

  @Field(() => Int, { description: 'Position within its stream, from 0.' })
  version!: number;

  @Field(() => String, { description: 'Position in the global log, opaque but ordered.' })
  position!: string;

  @Field(() => DateTimeScalar)
  occurredAt!: Date;

  @Field(() => JSONScalar)
  data!: unknown;
}
