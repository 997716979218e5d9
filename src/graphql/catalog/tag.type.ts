import { Field, ObjectType } from 'type-graphql';

@ObjectType()
export class Tag {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  value!: string;
}
