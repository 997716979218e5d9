import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import type { Role as RoleValue } from '../views';
import { Role } from './role.enum';

@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => Role)
  role!: RoleValue;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}
