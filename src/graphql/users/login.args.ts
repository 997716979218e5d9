import { IsEmail, MaxLength, MinLength } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';

/** Only the shape is checked here: a wrong password is UNAUTHENTICATED, not bad input. */
@ArgsType()
export class LoginArgs {
  @Field(() => String)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Field(() => String)
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}
