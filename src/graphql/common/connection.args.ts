import { IsInt, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

export const DEFAULT_PAGE_SIZE = 20;

/** Forward pagination shared by every connection. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE })
  @IsInt()
  @Min(0)
  @Max(100)
  first?: number | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  after?: string | null;
}
