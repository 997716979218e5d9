import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType()
export class TagInput {
  @Field(() => String)
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  @Field(() => String)
  @MinLength(1)
  @MaxLength(100)
  value!: string;
}
