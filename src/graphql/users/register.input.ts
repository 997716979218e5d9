import { IsEmail, MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType()
export class RegisterInput {
  @Field(() => String)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Field(() => String)
  @MinLength(10)
  @MaxLength(200)
  password!: string;

  @Field(() => String, { nullable: true })
  @MinLength(1)
  @MaxLength(100)
  name?: string | null;
}
