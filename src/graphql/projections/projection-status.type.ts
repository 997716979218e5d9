import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class ProjectionStatus {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Last global position applied.' })
  position!: string;

  @Field(() => Int, { description: 'Events in the log not yet applied.' })
  lagEvents!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Age of the oldest unapplied event; null when caught up.',
  })
  lagMs!: number | null;

  @Field(() => String, { description: 'RUNNING, REBUILDING, STOPPED or FAILED.' })
  state!: string;
}
